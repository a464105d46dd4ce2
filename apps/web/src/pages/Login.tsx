import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, setSession, unwrap } from '../api/client';
import { authControllerLogin } from '../api/generated/sdk.gen';
import { meQuery } from '../api/queries';
import { Field } from '../components/Field';
import { useI18n } from '../i18n/i18n';
import { usePageTitle } from '../components/usePageTitle';

/** Where to go after signing in: a path of the portal given as ?next= (never another site), else the home page. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function Login() {
  const { t } = useI18n();
  usePageTitle(t.signInTitle);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const next = safeNext(useSearchParams()[0].get('next'));
  const login = useMutation({
    mutationFn: () => unwrap(authControllerLogin({ body: { email, password } })),
    onSuccess: (answer) => {
      setSession(true, answer.csrfToken);
      queryClient.setQueryData(meQuery().queryKey, answer.user);
      void navigate(next);
    },
  });
  const error = login.error instanceof ApiError ? login.error : undefined;
  const fieldError = (field: string) => error?.fields[field];
  const general = login.error && !(error && Object.keys(error.fields).length > 0) ? login.error.message : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    login.mutate();
  }

  return (
    <>
      <h1>{t.signInTitle}</h1>
      <form className="card form" onSubmit={submit} noValidate>
        {general ? (
          <p className="alert" role="alert">
            {general}
          </p>
        ) : null}
        <Field
          id="login-email"
          name="email"
          type="email"
          autoComplete="username"
          required
          label={t.email}
          value={email}
          onValue={setEmail}
          error={fieldError('email')}
        />
        <Field
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          label={t.password}
          value={password}
          onValue={setPassword}
          error={fieldError('password')}
        />
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? t.signingIn : t.signInButton}
        </button>
        <p>
          <Link to="/elfelejtett-jelszo">{t.forgotPassword}</Link>
        </p>
      </form>
      <p>
        {t.noAccount} <Link to="/regisztracio">{t.registerLink}</Link>
      </p>
    </>
  );
}
