import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { unwrap } from '../../api/client';
import { applicationsControllerFormalCheck } from '../../api/generated/sdk.gen';
import type { ApplicationListItemResponse } from '../../api/generated/types.gen';
import { callQuery } from '../../api/queries';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { SelectField, TextAreaField } from './fields';
import { useCoordinatorMessages } from './messages';
import { type ApplicationFilters, applicationsQuery, PAGE_SIZE } from './queries';
import { Notice, Pager } from './Shell';

const COUNTIES: Array<NonNullable<ApplicationFilters['county']>> = [
  'Bács-Kiskun',
  'Baranya',
  'Békés',
  'Borsod-Abaúj-Zemplén',
  'Budapest',
  'Csongrád',
  'Fejér',
  'Győr-Moson-Sopron',
  'Hajdú-Bihar',
  'Heves',
  'Jász-Nagykun-Szolnok',
  'Komárom-Esztergom',
  'Nógrád',
  'Pest',
  'Somogy',
  'Szabolcs-Szatmár-Bereg',
  'Tolna',
  'Vas',
  'Veszprém',
  'Zala',
];
const STATUSES = ['draft', 'submitted', 'withdrawn'] as const;
const CHECKS = ['pending', 'eligible', 'ineligible'] as const;

/** A call's applications, filtered by theme, county, status and formal check, with the formal check action. */
export function Applications() {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const callId = useParams().id ?? '';
  const call = useQuery(callQuery(callId));
  const [filters, setFilters] = useState<ApplicationFilters>({ page: 1 });
  const [notice, setNotice] = useState('');
  const list = useQuery(applicationsQuery({ ...filters, callId }));
  const en = lang === 'en';
  const setFilter = (key: 'themeId' | 'county' | 'status' | 'formalCheck') => (value: string) =>
    setFilters((f) => ({ ...f, page: 1, [key]: value || undefined }));

  const select = (
    id: string,
    label: string,
    value: string | undefined,
    onValue: (value: string) => void,
    options: Array<[string, string]>,
  ) => <SelectField id={id} label={label} value={value ?? ''} onValue={onValue} options={options} empty={m.any} />;

  return (
    <>
      <h1>{call.data ? m.applicationsTitle(call.data.year) : m.applications}</h1>
      <QueryStatus query={call} />
      {call.data ? (
        <p>
          <Link to={`/koordinator/felhivasok/${callId}`}>{en ? call.data.titleEn : call.data.titleHu}</Link>
        </p>
      ) : null}
      <fieldset className="card">
        <legend>{m.filters}</legend>
        <div className="filters">
          {select(
            'filter-theme',
            m.theme,
            filters.themeId,
            setFilter('themeId'),
            (call.data?.themes ?? []).map((t) => [t.id, en ? t.titleEn : t.titleHu]),
          )}
          {select(
            'filter-county',
            m.county,
            filters.county,
            setFilter('county'),
            COUNTIES.map((c) => [c, c]),
          )}
          {select(
            'filter-status',
            m.status,
            filters.status,
            setFilter('status'),
            STATUSES.map((s) => [s, m.applicationStatuses[s]]),
          )}
          {select(
            'filter-check',
            m.formalCheck,
            filters.formalCheck,
            setFilter('formalCheck'),
            CHECKS.map((s) => [s, m.formalChecks[s]]),
          )}
        </div>
      </fieldset>
      {notice ? <Notice>{notice}</Notice> : null}
      <QueryStatus query={list} />
      {list.data?.items.length === 0 ? <p>{m.noApplications}</p> : null}
      <ul className="card-list">
        {list.data?.items.map((application) => (
          <ApplicationCard key={application.id} application={application} onDone={setNotice} />
        ))}
      </ul>
      {list.data && list.data.total > PAGE_SIZE ? (
        <Pager
          page={filters.page ?? 1}
          pageSize={PAGE_SIZE}
          total={list.data.total}
          onPage={(page) => setFilters((f) => ({ ...f, page }))}
        />
      ) : null}
    </>
  );
}

function ApplicationCard({
  application,
  onDone,
}: {
  application: ApplicationListItemResponse;
  onDone: (text: string) => void;
}) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const queryClient = useQueryClient();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const check = useMutation({
    mutationFn: (result: 'eligible' | 'ineligible') =>
      unwrap(
        applicationsControllerFormalCheck({
          path: { id: application.id },
          body: result === 'ineligible' ? { result, reason } : { result },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['coordinator', 'applications'] });
      setRefusing(false);
      onDone(m.formalCheckSaved(application.title));
    },
  });
  const reasonId = `ineligible-${application.id}`;
  const state = application.formalCheck?.result ?? 'pending';

  function submit(event: FormEvent) {
    event.preventDefault();
    check.mutate('ineligible');
  }

  return (
    <li className="card">
      <h2>{application.title}</h2>
      <p>
        {application.municipality.name} ({application.municipality.county}) ·{' '}
        {lang === 'en' ? application.theme.titleEn : application.theme.titleHu}
      </p>
      <p>
        {m.status}: <strong>{m.applicationStatuses[application.status]}</strong>
        {application.submittedAt ? (
          <>
            {' '}
            · {m.submittedAt}:{' '}
            <time dateTime={application.submittedAt}>{formatDateTime(application.submittedAt, lang)}</time>
          </>
        ) : null}
      </p>
      {application.status === 'submitted' ? (
        <>
          <p>
            {m.formalCheck}: <strong>{m.formalChecks[state]}</strong>
            {application.formalCheck?.reason ? ` · ${application.formalCheck.reason}` : ''}
          </p>
          {check.error ? (
            <p className="alert" role="alert">
              {check.error.message}
            </p>
          ) : null}
          {refusing ? (
            <form onSubmit={submit} className="form">
              <TextAreaField id={reasonId} label={m.ineligibleReason} required value={reason} onValue={setReason} />
              <div className="actions">
                <button type="submit" className="primary" disabled={check.isPending || !reason.trim()}>
                  {m.markIneligible}
                </button>
                <button type="button" onClick={() => setRefusing(false)}>
                  {m.cancel}
                </button>
              </div>
            </form>
          ) : (
            <div className="actions">
              <button type="button" onClick={() => check.mutate('eligible')} disabled={check.isPending}>
                {m.markEligible}
              </button>
              <button type="button" onClick={() => setRefusing(true)}>
                {m.markIneligible}
              </button>
            </div>
          )}
        </>
      ) : null}
    </li>
  );
}
