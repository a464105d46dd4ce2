import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, unwrap } from '../../api/client';
import { callApplicationsControllerCreate } from '../../api/generated/sdk.gen';
import type { MyApplicationResponse, MyOpenCallResponse } from '../../api/generated/types.gen';
import { type Me, meQuery } from '../../api/queries';
import { QueryStatus } from '../../components/QueryStatus';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import './applicant.css';
import { Memberships } from './Memberships';
import { useApplicantMessages } from './messages';
import { myApplicationsQuery } from './queries';

/**
 * /palyazataim: the user's municipalities' applications with their status and outcome, and
 * starting a new one. Two rounds of requests whatever the number of applications: the user,
 * then the page's one answer (GET /api/my-applications).
 */
export function MyApplications() {
  const { t } = useI18n();
  const m = useApplicantMessages();
  usePageTitle(m.myApplicationsTitle);
  // fresh on every visit: an approval may have come since
  const me = useQuery({ ...meQuery(), staleTime: 0 });

  if (me.isPending || me.isError) return <QueryStatus query={me} />;
  if (!me.data) {
    return (
      <>
        <h1>{m.myApplicationsTitle}</h1>
        <p>
          <Link to="/belepes">{t.navSignIn}</Link> · <Link to="/regisztracio">{m.navRegister}</Link>
        </p>
      </>
    );
  }
  return <ApplicationsOf me={me.data} />;
}

function ApplicationsOf({ me }: { me: Me }) {
  const { lang } = useI18n();
  const m = useApplicantMessages();
  const en = lang === 'en';
  const approved = me.memberships.filter((membership) => membership.status === 'approved');
  const isApplicant = me.roles.includes('applicant');
  // one request for the whole page: applications with call, status and outcome, and the open calls with their themes
  const overview = useQuery({ ...myApplicationsQuery(me.id, lang), enabled: isApplicant });
  const items = overview.data?.applications ?? [];
  const openCalls = overview.data?.openCalls ?? [];

  function outcome(application: MyApplicationResponse): string {
    if (application.call.status !== 'published' || !application.outcome) return m.outcomePending;
    if (!application.outcome.inResults) return m.notInResults;
    return application.outcome.awarded && application.outcome.level
      ? m.awarded(application.outcome.level)
      : m.notAwarded;
  }

  return (
    <>
      <h1>{m.myApplicationsTitle}</h1>
      <Memberships me={me} />
      <section aria-labelledby="applications">
        <h2 id="applications">{m.listTitle}</h2>
        {isApplicant ? <QueryStatus query={overview} /> : null}
        {overview.data && items.length === 0 ? <p>{m.noApplications}</p> : null}
        <ul className="card-list">
          {items.map((application) => (
            <li key={application.id} className="card" data-testid="application">
              <h3 className="application-title">
                <Link to={`/palyazataim/${application.id}`}>{application.title || m.applicationTitleMissing}</Link>
              </h3>
              <dl className="facts">
                <dt>{m.colCall}</dt>
                <dd>{`${application.call.year} · ${en ? application.call.titleEn : application.call.titleHu}`}</dd>
                <dt>{m.colTheme}</dt>
                <dd>{en ? application.theme.titleEn : application.theme.titleHu}</dd>
                <dt>{m.colMunicipality}</dt>
                <dd>{application.municipality.name}</dd>
                <dt>{m.colStatus}</dt>
                <dd>
                  <span className={`badge badge-${application.status}`}>{m.appStatus[application.status]}</span>
                  {application.formalCheck ? ` · ${m.formalCheck[application.formalCheck]}` : null}
                  {application.submittedAt ? (
                    <span className="muted">
                      {' '}
                      · {m.submittedAt} {formatDateTime(application.submittedAt, lang)}
                    </span>
                  ) : (
                    <span className="muted">
                      {' '}
                      · {m.updatedAt} {formatDateTime(application.updatedAt, lang)}
                    </span>
                  )}
                </dd>
                <dt>{m.colOutcome}</dt>
                <dd>{outcome(application)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="start">
        <h2 id="start">{m.startTitle}</h2>
        {overview.data && openCalls.length === 0 ? <p>{m.noOpenCallToStart}</p> : null}
        {openCalls.length > 0 && approved.length === 0 ? <p>{m.needApproval}</p> : null}
        {approved.length > 0
          ? openCalls.map((call) => (
              <StartApplication
                key={call.id}
                call={call}
                municipalities={approved}
                taken={items
                  .filter((application) => application.call.id === call.id && application.status !== 'withdrawn')
                  .map((application) => `${application.municipality.kshCode}:${application.theme.id}`)}
              />
            ))
          : null}
      </section>
    </>
  );
}

function StartApplication({
  call,
  municipalities,
  taken,
}: {
  call: MyOpenCallResponse;
  municipalities: Array<{ municipalityKsh: string; municipalityName: string }>;
  /** "ksh:themeId" of the applications the municipalities have in the call already. */
  taken: string[];
}) {
  const { lang } = useI18n();
  const m = useApplicantMessages();
  const en = lang === 'en';
  const [themeId, setThemeId] = useState('');
  const [ksh, setKsh] = useState(municipalities[0].municipalityKsh);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () =>
      unwrap(callApplicationsControllerCreate({ path: { callId: call.id }, body: { themeId, municipalityKsh: ksh } })),
    onSuccess: (application) => {
      void queryClient.invalidateQueries({ queryKey: ['my-applications'] });
      queryClient.setQueryData(['application', application.id], application);
      void navigate(`/palyazataim/${application.id}`);
    },
  });
  const error = create.error instanceof ApiError ? create.error : undefined;
  const fieldErrors = error ? Object.values(error.fields) : [];
  const idPrefix = `start-${call.id}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (themeId) create.mutate();
  }

  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${idPrefix}-title`}>
      <h3 id={`${idPrefix}-title`}>{m.startFor(`${call.year} · ${en ? call.titleEn : call.titleHu}`)}</h3>
      {create.error ? (
        <p className="alert" role="alert">
          {fieldErrors.length ? fieldErrors.join(' ') : create.error.message}
        </p>
      ) : null}
      {municipalities.length > 1 ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-municipality`}>{m.chooseMunicipality}</label>
          <select id={`${idPrefix}-municipality`} value={ksh} onChange={(event) => setKsh(event.target.value)}>
            {municipalities.map((membership) => (
              <option key={membership.municipalityKsh} value={membership.municipalityKsh}>
                {membership.municipalityName}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p>
          {m.chooseMunicipality}: <strong>{municipalities[0].municipalityName}</strong>
        </p>
      )}
      {call.themes.length > 0 ? (
        <fieldset className="choices">
          <legend>{m.chooseTheme}</legend>
          {call.themes.map((theme) => {
            // one application per theme unless the call sets a limit of its own
            const isTaken = call.maxApplicationsPerMunicipality === null && taken.includes(`${ksh}:${theme.id}`);
            return (
              <div key={theme.id} className="choice">
                <input
                  type="radio"
                  id={`${idPrefix}-theme-${theme.id}`}
                  name={`${idPrefix}-theme`}
                  value={theme.id}
                  checked={themeId === theme.id}
                  disabled={isTaken}
                  onChange={() => setThemeId(theme.id)}
                />
                <label htmlFor={`${idPrefix}-theme-${theme.id}`}>
                  {en ? theme.titleEn : theme.titleHu}
                  {isTaken ? <span className="muted"> {m.themeTaken}</span> : null}
                </label>
              </div>
            );
          })}
        </fieldset>
      ) : null}
      <button type="submit" className="primary" disabled={!themeId || create.isPending}>
        {create.isPending ? m.starting : m.startButton}
      </button>
    </form>
  );
}
