import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { ApiError, unwrap } from '../../api/client';
import { invitationsControllerCreate, invitationsControllerRevoke } from '../../api/generated/sdk.gen';
import type { CreateInvitationDto, InvitationResponse } from '../../api/generated/types.gen';
import { Field } from '../../components/Field';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, SelectField } from './fields';
import { useCoordinatorMessages } from './messages';
import { invitationsQuery, organisationsQuery, PAGE_SIZE } from './queries';
import { Notice, Pager } from './Shell';
import { PageHeading } from '../../components/PageHeading';

const statusOf = (invitation: InvitationResponse) =>
  invitation.acceptedAt
    ? 'accepted'
    : invitation.revokedAt
      ? 'revoked'
      : Date.parse(invitation.expiresAt) <= Date.now()
        ? 'expired'
        : 'pending';

/** Invitations of jurors and coordinators: the form and the list with each one's status. */
export function Invitations() {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState('');
  const list = useQuery(invitationsQuery(page));
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState('');
  const revoke = useMutation({
    mutationFn: (invitation: InvitationResponse) =>
      unwrap(invitationsControllerRevoke({ path: { id: invitation.id } })),
    onSuccess: async (invitation) => {
      await queryClient.invalidateQueries({ queryKey: ['coordinator', 'invitations'] });
      setConfirming('');
      setNotice(m.invitationRevoked(invitation.email));
    },
  });
  const organisations = useQuery(organisationsQuery());
  const orgName = (id: string | null) => {
    const org = organisations.data?.find((o) => o.id === id);
    return org ? (lang === 'en' ? org.nameEn : org.nameHu) : '';
  };

  return (
    <>
      <PageHeading>{m.invitationsTitle}</PageHeading>
      {notice ? <Notice>{notice}</Notice> : null}
      <InviteForm onDone={setNotice} />
      <h2>{m.invitationsTitle}</h2>
      <QueryStatus query={list} />
      <ErrorAlert error={revoke.error} />
      {list.data?.items.length === 0 ? <p>{m.noInvitations}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{m.name}</th>
                <th scope="col">{m.role}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">{m.invitedAt}</th>
                <th scope="col">{m.expiresAt}</th>
                <th scope="col">
                  <span className="visually-hidden">{m.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((invitation) => (
                <tr key={invitation.id} data-testid="invitation">
                  <td>
                    {invitation.name}
                    <br />
                    <span className="muted">{invitation.email}</span>
                  </td>
                  <td>
                    {m.roles[invitation.role]}
                    {invitation.organisationId ? ` · ${orgName(invitation.organisationId)}` : ''}
                  </td>
                  <td>{m.invitationStatus[statusOf(invitation)]}</td>
                  <td>
                    <time dateTime={invitation.createdAt}>{formatDateTime(invitation.createdAt, lang)}</time>
                  </td>
                  <td>
                    <time dateTime={invitation.expiresAt}>{formatDateTime(invitation.expiresAt, lang)}</time>
                  </td>
                  <td>
                    {statusOf(invitation) !== 'pending' ? null : confirming === invitation.id ? (
                      <div className="actions">
                        <button
                          type="button"
                          className="primary"
                          onClick={() => revoke.mutate(invitation)}
                          disabled={revoke.isPending}
                          aria-label={`${m.confirmRevokeInvitation}: ${invitation.email}`}
                        >
                          {m.confirmRevokeInvitation}
                        </button>
                        <button type="button" onClick={() => setConfirming('')}>
                          {m.cancel}
                        </button>
                      </div>
                    ) : (
                      <button
                        type="button"
                        onClick={() => setConfirming(invitation.id)}
                        aria-label={`${m.revokeInvitation}: ${invitation.email}`}
                      >
                        {m.revokeInvitation}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.data && list.data.total > PAGE_SIZE ? (
        <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
      ) : null}
    </>
  );
}

function InviteForm({ onDone }: { onDone: (text: string) => void }) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const queryClient = useQueryClient();
  const organisations = useQuery(organisationsQuery());
  const empty = { email: '', name: '', role: 'juror', organisationId: '', language: 'hu' };
  const [form, setForm] = useState(empty);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const send = useMutation({
    mutationFn: () =>
      unwrap(
        invitationsControllerCreate({
          body: {
            email: form.email,
            name: form.name,
            role: form.role as CreateInvitationDto['role'],
            language: form.language as 'hu' | 'en',
            ...(form.role === 'juror' && form.organisationId ? { organisationId: form.organisationId } : {}),
          },
        }),
      ),
    onSuccess: async (invitation) => {
      await queryClient.invalidateQueries({ queryKey: ['coordinator', 'invitations'] });
      onDone(m.invited(invitation.email));
      setForm(empty);
    },
  });
  const error = send.error instanceof ApiError ? send.error : undefined;
  const fieldError = (field: string) => error?.fields[field];

  function submit(event: FormEvent) {
    event.preventDefault();
    send.mutate();
  }

  return (
    <form className="card form" onSubmit={submit} noValidate>
      <h2>{m.invite}</h2>
      <p className="muted">{m.inviteIntro}</p>
      {send.error && !(error && Object.keys(error.fields).length > 0) ? (
        <p className="alert" role="alert">
          {send.error.message}
        </p>
      ) : null}
      <Field
        id="invite-email"
        type="email"
        autoComplete="off"
        required
        label={m.email}
        value={form.email}
        onValue={set('email')}
        error={fieldError('email')}
      />
      <Field
        id="invite-name"
        required
        label={m.name}
        value={form.name}
        onValue={set('name')}
        error={fieldError('name')}
      />
      <SelectField
        id="invite-role"
        label={m.role}
        value={form.role}
        onValue={set('role')}
        options={[
          ['juror', m.roles.juror],
          ['coordinator', m.roles.coordinator],
        ]}
      />
      {form.role === 'juror' ? (
        <SelectField
          id="invite-organisation"
          label={m.organisation}
          value={form.organisationId}
          onValue={set('organisationId')}
          empty={m.chooseOrganisation}
          options={(organisations.data ?? []).map((o) => [o.id, `${lang === 'en' ? o.nameEn : o.nameHu} (${o.code})`])}
        />
      ) : null}
      {fieldError('organisationId') ? <p className="field-error">{fieldError('organisationId')}</p> : null}
      <SelectField
        id="invite-language"
        label={m.language}
        value={form.language}
        onValue={set('language')}
        options={[
          ['hu', m.languages.hu],
          ['en', m.languages.en],
        ]}
      />
      <button type="submit" className="primary" disabled={send.isPending}>
        {m.invite}
      </button>
    </form>
  );
}
