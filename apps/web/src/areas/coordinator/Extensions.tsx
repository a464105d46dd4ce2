import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, unwrap } from '../../api/client';
import { deadlineExtensionsControllerGrant, deadlineExtensionsControllerRevoke } from '../../api/generated/sdk.gen';
import { callQuery } from '../../api/queries';
import { Field } from '../../components/Field';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { CallHeading } from './CallHeading';
import { ErrorAlert, SelectField, TextAreaField } from './fields';
import { useCoordinatorMessages } from './messages';
import { extensionsQuery, municipalitySearchQuery } from './queries';
import { Notice } from './Shell';

/** A call's deadline extensions per municipality: granting one (Budapest time, with a reason), the list, revoking. */
export function Extensions() {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const callId = useParams().id ?? '';
  const call = useQuery(callQuery(callId));
  const list = useQuery(extensionsQuery(callId));
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState('');
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(deadlineExtensionsControllerRevoke({ path: { callId, id } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['coordinator', 'extensions', callId] });
      setNotice(m.extensionRevoked);
    },
  });

  return (
    <>
      <CallHeading call={call} title={m.extensionsTitle} fallback={m.extensions} />
      {notice ? <Notice>{notice}</Notice> : null}
      <GrantForm callId={callId} onDone={setNotice} />
      <h2>{m.extensions}</h2>
      <QueryStatus query={list} />
      <ErrorAlert error={revoke.error} />
      {list.data?.length === 0 ? <p>{m.noExtensions}</p> : null}
      {list.data && list.data.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{m.municipality}</th>
                <th scope="col">{m.newClosesAt}</th>
                <th scope="col">{m.reason}</th>
                <th scope="col">{m.grantedBy}</th>
                <th scope="col">{m.status}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((extension) => (
                <tr key={extension.id} data-testid="extension">
                  <td>{extension.municipality.name}</td>
                  <td>
                    <time dateTime={extension.closesAt}>{formatDateTime(extension.closesAt, lang)}</time>
                  </td>
                  <td className="prewrap">{extension.reason}</td>
                  <td>
                    {extension.grantedBy.name}
                    <br />
                    <time className="muted" dateTime={extension.createdAt}>
                      {formatDateTime(extension.createdAt, lang)}
                    </time>
                  </td>
                  <td>
                    {extension.revokedAt ? m.revoked : extension.inForce ? m.inForce : m.notInForce}
                    {!extension.revokedAt ? (
                      <>
                        <br />
                        <button
                          type="button"
                          onClick={() => revoke.mutate(extension.id)}
                          disabled={revoke.isPending}
                          aria-label={`${m.revoke}: ${extension.municipality.name}`}
                        >
                          {m.revoke}
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

function GrantForm({ callId, onDone }: { callId: string; onDone: (text: string) => void }) {
  const m = useCoordinatorMessages();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [ksh, setKsh] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const [reason, setReason] = useState('');
  // a request a little after the last key, not one per key
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const hits = useQuery(municipalitySearchQuery(q));
  const options: Array<[string, string]> = (hits.data?.items ?? []).map((h) => [h.kshCode, `${h.name} (${h.county})`]);
  const chosen = ksh || (options.length === 1 ? options[0][0] : '');
  const grant = useMutation({
    mutationFn: () =>
      unwrap(
        deadlineExtensionsControllerGrant({ path: { callId }, body: { municipalityKsh: chosen, closesAt, reason } }),
      ),
    onSuccess: async (extension) => {
      await queryClient.invalidateQueries({ queryKey: ['coordinator', 'extensions', callId] });
      onDone(m.extensionGranted(extension.municipality.name));
      setReason('');
    },
  });
  const error = grant.error instanceof ApiError ? grant.error : undefined;
  const fieldError = (field: string) => error?.fields[field];

  function submit(event: FormEvent) {
    event.preventDefault();
    grant.mutate();
  }

  return (
    <form className="card form" onSubmit={submit} noValidate>
      <h2>{m.grantExtension}</h2>
      <p className="muted">{m.extensionIntro}</p>
      {grant.error && !(error && Object.keys(error.fields).length > 0) ? (
        <p className="alert" role="alert">
          {grant.error.message}
        </p>
      ) : null}
      <Field
        id="extension-search"
        type="search"
        autoComplete="off"
        label={m.searchMunicipality}
        value={text}
        onValue={(value) => {
          setText(value);
          setKsh('');
        }}
      />
      <SelectField
        id="extension-municipality"
        label={m.municipality}
        value={chosen}
        onValue={setKsh}
        empty={m.chooseMunicipality}
        options={options}
      />
      {fieldError('municipalityKsh') ? <p className="field-error">{fieldError('municipalityKsh')}</p> : null}
      <Field
        id="extension-closes-at"
        type="datetime-local"
        required
        label={m.newClosesAt}
        value={closesAt}
        onValue={setClosesAt}
        error={fieldError('closesAt')}
      />
      <TextAreaField id="extension-reason" label={m.reason} required rows={3} value={reason} onValue={setReason} />
      {fieldError('reason') ? <p className="field-error">{fieldError('reason')}</p> : null}
      <button type="submit" className="primary" disabled={grant.isPending || !chosen}>
        {m.grantExtension}
      </button>
    </form>
  );
}
