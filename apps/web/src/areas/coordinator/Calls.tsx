import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, unwrap } from '../../api/client';
import { callsControllerCopy, callsControllerCreate } from '../../api/generated/sdk.gen';
import type { CallResponse } from '../../api/generated/types.gen';
import { Field } from '../../components/Field';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useCoordinatorMessages } from './messages';
import { allCallsQuery } from './queries';
import { PageHeading } from '../../components/PageHeading';

/** Every call with its status, and the forms to create one or copy the latest. */
export function CoordinatorCalls() {
  const { lang, t } = useI18n();
  const m = useCoordinatorMessages();
  const calls = useQuery(allCallsQuery());
  const latest = calls.data?.items[0];

  return (
    <>
      <PageHeading>{m.callsTitle}</PageHeading>
      <QueryStatus query={calls} />
      {calls.data?.items.length === 0 ? <p>{t.noCalls}</p> : null}
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{m.callYear}</th>
              <th scope="col">{m.title}</th>
              <th scope="col">{m.status}</th>
              <th scope="col">{m.closesAt}</th>
            </tr>
          </thead>
          <tbody>
            {calls.data?.items.map((call) => (
              <tr key={call.id}>
                <td>{call.year}</td>
                <td>
                  <Link to={`/koordinator/felhivasok/${call.id}`}>{lang === 'en' ? call.titleEn : call.titleHu}</Link>
                </td>
                <td>{t.statuses[call.status]}</td>
                <td>
                  <time dateTime={call.submissionClosesAt}>{formatDateTime(call.submissionClosesAt, lang)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="columns">
        {latest ? <CallForm source={latest} /> : null}
        <CallForm />
      </div>
    </>
  );
}

/** Creates a call, or copies `source` (themes, criteria and questions) to a new year. */
function CallForm({ source }: { source?: CallResponse }) {
  const m = useCoordinatorMessages();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const prefix = source ? 'copy' : 'new';
  const [form, setForm] = useState({
    year: String((source?.year ?? new Date().getFullYear()) + 1),
    titleHu: '',
    titleEn: '',
    submissionOpensAt: '',
    submissionClosesAt: '',
    scoringClosesAt: '',
    resultsAt: '',
  });
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const save = useMutation({
    mutationFn: () => {
      const phases = {
        submissionOpensAt: form.submissionOpensAt,
        submissionClosesAt: form.submissionClosesAt,
        scoringClosesAt: form.scoringClosesAt,
        resultsAt: form.resultsAt,
      };
      const year = Number(form.year);
      return source
        ? unwrap(
            callsControllerCopy({
              path: { id: source.id },
              body: {
                year,
                ...phases,
                ...(form.titleHu ? { titleHu: form.titleHu } : {}),
                ...(form.titleEn ? { titleEn: form.titleEn } : {}),
              },
            }),
          )
        : unwrap(callsControllerCreate({ body: { year, titleHu: form.titleHu, titleEn: form.titleEn, ...phases } }));
    },
    onSuccess: async (call) => {
      await queryClient.invalidateQueries({ queryKey: ['coordinator', 'calls'] });
      void navigate(`/koordinator/felhivasok/${call.id}`);
    },
  });
  const error = save.error instanceof ApiError ? save.error : undefined;
  const fieldError = (field: string) => error?.fields[field];

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  const dateField = (
    key: 'submissionOpensAt' | 'submissionClosesAt' | 'scoringClosesAt' | 'resultsAt',
    label: string,
  ) => (
    <Field
      id={`${prefix}-${key}`}
      type="datetime-local"
      required
      label={`${label} (${m.budapestTimeHint})`}
      value={form[key]}
      onValue={set(key)}
      error={fieldError(key)}
    />
  );

  return (
    <form className="card" onSubmit={submit} noValidate>
      <h2>{source ? m.copyCall : m.newCall}</h2>
      {source ? <p className="muted">{m.copySource(source.year, source.titleHu)}</p> : null}
      {save.error && !(error && Object.keys(error.fields).length > 0) ? (
        <p className="alert" role="alert">
          {save.error.message}
        </p>
      ) : null}
      <Field
        id={`${prefix}-year`}
        type="number"
        inputMode="numeric"
        required
        label={m.callYear}
        value={form.year}
        onValue={set('year')}
        error={fieldError('year')}
      />
      <Field
        id={`${prefix}-titleHu`}
        required={!source}
        label={m.titleHu}
        placeholder={source ? m.titleDefault : undefined}
        value={form.titleHu}
        onValue={set('titleHu')}
        error={fieldError('titleHu')}
      />
      <Field
        id={`${prefix}-titleEn`}
        required={!source}
        label={m.titleEn}
        placeholder={source ? m.titleDefault : undefined}
        value={form.titleEn}
        onValue={set('titleEn')}
        error={fieldError('titleEn')}
      />
      {dateField('submissionOpensAt', m.opensAt)}
      {dateField('submissionClosesAt', m.closesAt)}
      {dateField('scoringClosesAt', m.scoringClosesAt)}
      {dateField('resultsAt', m.resultsAt)}
      <button type="submit" className="primary" disabled={save.isPending}>
        {source ? m.copyButton : m.createCall}
      </button>
    </form>
  );
}
