import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, setSession, unwrap } from '../../api/client';
import { authControllerLogin, invitationsControllerAccept } from '../../api/generated/sdk.gen';
import type { InvitationPreviewResponse } from '../../api/generated/types.gen';
import { meQuery } from '../../api/queries';
import { Field } from '../../components/Field';
import { QueryStatus } from '../../components/QueryStatus';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { organisationsQuery } from '../applicant/queries';
import { useAccountMessages } from './messages';
import { invitationPreviewQuery } from './queries';
import '../applicant/applicant.css';

/** The page a role's own pages start from. */
function homeOf(role: InvitationPreviewResponse['role']): string {
  return role === 'juror' ? '/zsuri' : '/koordinator';
}

/**
 * /meghivo?token=…: the invitation mail's link. Shows what the invitation offers; a new
 * account sets its name and password and is signed in at once, an existing one is sent to
 * sign in with its own password. An expired, used or revoked link says so.
 */
export function AcceptInvitation() {
  const m = useAccountMessages();
  usePageTitle(m.invitationTitle);
  const token = useSearchParams()[0].get('token') ?? '';
  const preview = useQuery({ ...invitationPreviewQuery(token), enabled: token !== '' });
  const invalid = token === '' || (preview.error instanceof ApiError && preview.error.status === 400);

  if (invalid) {
    return (
      <>
        <h1>{m.invitationInvalidTitle}</h1>
        <p className="alert" role="alert">
          {token === '' ? m.invitationMissingToken : m.invitationInvalid}
        </p>
        <p>
          <Link to="/belepes">{m.signIn}</Link>
        </p>
      </>
    );
  }
  if (!preview.data) {
    return (
      <>
        <h1>{m.invitationTitle}</h1>
        <QueryStatus query={preview} />
      </>
    );
  }
  return <AcceptForm token={token} invitation={preview.data} />;
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationPreviewResponse }) {
  const { lang } = useI18n();
  const m = useAccountMessages();
  const organisations = useQuery({ ...organisationsQuery(), enabled: invitation.organisationId !== null });
  const organisation = organisations.data?.find((o) => o.id === invitation.organisationId);
  const [name, setName] = useState(invitation.name);
  const [password, setPassword] = useState('');
  const [acceptedExisting, setAcceptedExisting] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const accept = useMutation({
    mutationFn: async () => {
      if (invitation.accountExists) {
        await unwrap(invitationsControllerAccept({ body: { token } }));
        return null;
      }
      await unwrap(invitationsControllerAccept({ body: { token, name, password } }));
      return unwrap(authControllerLogin({ body: { email: invitation.email, password } }));
    },
    onSuccess: (signedIn) => {
      if (!signedIn) {
        setAcceptedExisting(true);
        return;
      }
      setSession(true, signedIn.csrfToken);
      queryClient.setQueryData(meQuery().queryKey, signedIn.user);
      void navigate(homeOf(invitation.role));
    },
  });
  const error = accept.error instanceof ApiError ? accept.error : undefined;
  const fieldError = (field: string) => error?.fields[field];
  const tokenRefused = error?.code === 'INVITATION_INVALID';
  const general =
    accept.error && !tokenRefused && !(error && (error.fields.name || error.fields.password))
      ? accept.error.message
      : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    accept.mutate();
  }

  if (acceptedExisting) {
    return (
      <>
        <h1>{m.invitationTitle}</h1>
        <p className="notice" role="status">
          {m.acceptedExisting}
        </p>
        <p>
          <Link to={`/belepes?next=${encodeURIComponent(homeOf(invitation.role))}`}>{m.signIn}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>{m.invitationTitle}</h1>
      <p>{m.invitationIntro(invitation.name)}</p>
      <dl className="facts card" data-testid="invitation">
        <dt>{m.invitationRole}</dt>
        <dd>{m.roles[invitation.role]}</dd>
        {invitation.organisationId ? (
          <>
            <dt>{m.invitationOrganisation}</dt>
            <dd>{organisation ? (lang === 'en' ? organisation.nameEn : organisation.nameHu) : '…'}</dd>
          </>
        ) : null}
        <dt>{m.invitationEmail}</dt>
        <dd>{invitation.email}</dd>
        <dt>{m.invitationExpires}</dt>
        <dd>
          <time dateTime={invitation.expiresAt}>{formatDateTime(invitation.expiresAt, lang)}</time>
        </dd>
      </dl>
      <form className="card form" onSubmit={submit} noValidate>
        {tokenRefused ? (
          <p className="alert" role="alert">
            {m.invitationInvalid}
          </p>
        ) : null}
        {general ? (
          <p className="alert" role="alert">
            {general}
          </p>
        ) : null}
        {invitation.accountExists ? (
          <p>{m.invitationExistingAccount}</p>
        ) : (
          <>
            <p>{m.invitationNewAccount}</p>
            <Field
              id="invitation-name"
              name="name"
              autoComplete="name"
              required
              label={m.name}
              value={name}
              onValue={setName}
              error={fieldError('name')}
            />
            <Field
              id="invitation-password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              label={`${m.password} – ${m.passwordHint}`}
              value={password}
              onValue={setPassword}
              error={fieldError('password')}
            />
          </>
        )}
        <button type="submit" className="primary" disabled={accept.isPending}>
          {accept.isPending ? m.accepting : m.acceptButton}
        </button>
      </form>
    </>
  );
}
