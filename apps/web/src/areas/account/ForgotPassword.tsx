import { useMutation } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, unwrap } from '../../api/client';
import { authControllerRequestPasswordReset } from '../../api/generated/sdk.gen';
import { Field } from '../../components/Field';
import { usePageTitle } from '../../components/usePageTitle';
import { useAccountMessages } from './messages';
import '../applicant/applicant.css';

/**
 * /elfelejtett-jelszo: asks for a password-reset link by e-mail. The answer is the same
 * whether or not the address has an account, and so is the page.
 */
export function ForgotPassword() {
  const m = useAccountMessages();
  usePageTitle(m.forgotTitle);
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: (address: string) => unwrap(authControllerRequestPasswordReset({ body: { email: address } })),
  });
  const error = request.error instanceof ApiError ? request.error : undefined;
  const general = request.error && !error?.fields.email ? request.error.message : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    request.mutate(email.trim());
  }

  return (
    <>
      <h1>{m.forgotTitle}</h1>
      {request.isSuccess ? (
        <p className="notice" role="status">
          {m.linkSent(request.variables)}
        </p>
      ) : (
        <>
          <p>{m.forgotIntro}</p>
          <form className="card form" onSubmit={submit} noValidate>
            {general ? (
              <p className="alert" role="alert">
                {general}
              </p>
            ) : null}
            <Field
              id="forgot-email"
              name="email"
              type="email"
              autoComplete="username"
              required
              label={m.email}
              value={email}
              onValue={setEmail}
              error={error?.fields.email}
            />
            <button type="submit" className="primary" disabled={request.isPending}>
              {request.isPending ? m.sendingLink : m.sendLink}
            </button>
          </form>
        </>
      )}
      <p>
        <Link to="/belepes">{m.backToSignIn}</Link>
      </p>
    </>
  );
}
