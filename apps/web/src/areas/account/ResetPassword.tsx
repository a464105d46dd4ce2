import { useMutation } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, unwrap } from '../../api/client';
import { authControllerConfirmPasswordReset } from '../../api/generated/sdk.gen';
import { Field } from '../../components/Field';
import { usePageTitle } from '../../components/usePageTitle';
import { useAccountMessages } from './messages';
import '../applicant/applicant.css';

/**
 * /uj-jelszo?token=…: the password-reset mail's link. Sets the new password with the token
 * (once, within the hour); the api's refusals appear on the fields, an unusable link with a
 * way to ask for a new one.
 */
export function ResetPassword() {
  const m = useAccountMessages();
  usePageTitle(m.resetTitle);
  const token = useSearchParams()[0].get('token') ?? '';
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [differ, setDiffer] = useState(false);
  const reset = useMutation({
    mutationFn: () => unwrap(authControllerConfirmPasswordReset({ body: { token, newPassword: password } })),
  });
  const error = reset.error instanceof ApiError ? reset.error : undefined;
  const tokenProblem = error?.fields.token;
  const general = reset.error && !error?.fields.newPassword && !tokenProblem ? reset.error.message : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== again) {
      setDiffer(true);
      document.getElementById('reset-password-again')?.focus();
      return;
    }
    setDiffer(false);
    reset.mutate();
  }

  if (token === '') {
    return (
      <>
        <h1>{m.resetTitle}</h1>
        <p className="alert" role="alert">
          {m.resetMissingToken}
        </p>
        <p>
          <Link to="/elfelejtett-jelszo">{m.askNewLink}</Link>
        </p>
      </>
    );
  }
  if (reset.isSuccess) {
    return (
      <>
        <h1>{m.resetTitle}</h1>
        <p className="notice" role="status">
          {m.resetDone}
        </p>
        <p>
          <Link to="/belepes">{m.signIn}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>{m.resetTitle}</h1>
      <p>{m.resetIntro}</p>
      <form className="card form" onSubmit={submit} noValidate>
        {tokenProblem ? (
          <div className="alert" role="alert">
            <p>{tokenProblem}</p>
            <p>
              <Link to="/elfelejtett-jelszo">{m.askNewLink}</Link>
            </p>
          </div>
        ) : null}
        {general ? (
          <p className="alert" role="alert">
            {general}
          </p>
        ) : null}
        <Field
          id="reset-password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          label={`${m.newPassword} – ${m.passwordHint}`}
          value={password}
          onValue={setPassword}
          error={error?.fields.newPassword}
        />
        <Field
          id="reset-password-again"
          name="newPasswordAgain"
          type="password"
          autoComplete="new-password"
          required
          label={m.newPasswordAgain}
          value={again}
          onValue={setAgain}
          error={differ ? m.passwordsDiffer : undefined}
        />
        <button type="submit" className="primary" disabled={reset.isPending}>
          {reset.isPending ? m.settingPassword : m.setPassword}
        </button>
      </form>
    </>
  );
}
