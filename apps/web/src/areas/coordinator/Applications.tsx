import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ApplicationListItemResponse } from '../../api/generated/types.gen';
import { callQuery } from '../../api/queries';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { SelectField } from './fields';
import { useCoordinatorMessages } from './messages';
import { type ApplicationFilters, applicationsQuery, PAGE_SIZE } from './queries';
import { Pager } from './Shell';
import { PageHeading } from '../../components/PageHeading';

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

/** A call's applications, filtered by theme, county, status and formal check; each opens its page with the formal check. */
export function Applications() {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const callId = useParams().id ?? '';
  const call = useQuery(callQuery(callId));
  const [filters, setFilters] = useState<ApplicationFilters>({ page: 1 });
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
      <PageHeading>{call.data ? m.applicationsTitle(call.data.year) : m.applications}</PageHeading>
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
      <QueryStatus query={list} />
      {list.data?.items.length === 0 ? <p>{m.noApplications}</p> : null}
      <ul className="card-list">
        {list.data?.items.map((application) => (
          <ApplicationCard key={application.id} application={application} />
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

function ApplicationCard({ application }: { application: ApplicationListItemResponse }) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const state = application.formalCheck?.result ?? 'pending';

  return (
    <li className="card" data-testid="application">
      <h2>
        <Link to={`/koordinator/felhivasok/${application.callId}/palyazatok/${application.id}`}>
          {application.title}
        </Link>
      </h2>
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
        <p>
          {m.formalCheck}: <strong>{m.formalChecks[state]}</strong>
          {application.formalCheck?.reason ? ` · ${application.formalCheck.reason}` : ''}
        </p>
      ) : null}
      <p>
        <Link
          to={`/koordinator/felhivasok/${application.callId}/palyazatok/${application.id}`}
          aria-label={`${m.viewApplication}: ${application.title}`}
        >
          {m.viewApplication}
        </Link>
      </p>
    </li>
  );
}
