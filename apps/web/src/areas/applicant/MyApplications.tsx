import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, unwrap } from '../../api/client';
import { callApplicationsControllerCreate } from '../../api/generated/sdk.gen';
import type { ApplicationOutcomeResponse, CallResponse } from '../../api/generated/types.gen';
import { callQuery, callsQuery, type Me, meQuery } from '../../api/queries';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import './applicant.css';
import { Memberships } from './Memberships';
import { useApplicantMessages } from './messages';
import { applicationOutcomeQuery, myApplicationsQuery } from './queries';

/** /palyazataim: the user's municipalities' applications with their status and outcome, and starting a new one. */
export function MyApplications() {
  const { t } = useI18n();
  const m = useApplicantMessages();
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
  const applications = useQuery({ ...myApplicationsQuery(me.id), enabled: me.roles.includes('applicant') });
  const calls = useQuery(callsQuery());
  const callsById = new Map((calls.data?.items ?? []).map((call) => [call.id, call]));
  const items = applications.data?.items ?? [];

  // the outcome of each submitted application once its call's results are published
  const decided = items.filter(
    (application) => application.status === 'submitted' && callsById.get(application.callId)?.status === 'published',
  );
  const outcomes = useQueries({ queries: decided.map((application) => applicationOutcomeQuery(application.id, lang)) });
  const outcomeByApplication = new Map<string, ApplicationOutcomeResponse | null | undefined>(
    decided.map((application, index) => [application.id, outcomes[index]?.data]),
  );

  function outcome(applicationId: string, call: CallResponse | undefined): string {
    if (call?.status !== 'published') return m.outcomePending;
    const result = outcomeByApplication.get(applicationId);
    if (result === undefined) return '–';
    if (result === null) return m.notInResults;
    return result.awarded && result.level ? m.awarded(result.level) : m.notAwarded;
  }

  const openCalls = (calls.data?.items ?? []).filter((call) => call.acceptingSubmissions);

  return (
    <>
      <h1>{m.myApplicationsTitle}</h1>
      <Memberships me={me} />
      <section aria-labelledby="applications">
        <h2 id="applications">{m.listTitle}</h2>
        <QueryStatus query={applications} />
        {applications.data && items.length === 0 ? <p>{m.noApplications}</p> : null}
        <ul className="card-list">
          {items.map((application) => {
            const call = callsById.get(application.callId);
            return (
              <li key={application.id} className="card" data-testid="application">
                <h3 className="application-title">
                  <Link to={`/palyazataim/${application.id}`}>{application.title || m.applicationTitleMissing}</Link>
                </h3>
                <dl className="facts">
                  <dt>{m.colCall}</dt>
                  <dd>{call ? `${call.year} · ${en ? call.titleEn : call.titleHu}` : '–'}</dd>
                  <dt>{m.colTheme}</dt>
                  <dd>{en ? application.theme.titleEn : application.theme.titleHu}</dd>
                  <dt>{m.colMunicipality}</dt>
                  <dd>{application.municipality.name}</dd>
                  <dt>{m.colStatus}</dt>
                  <dd>
                    <span className={`badge badge-${application.status}`}>{m.appStatus[application.status]}</span>
                    {application.formalCheck ? ` · ${m.formalCheck[application.formalCheck.result]}` : null}
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
                  <dd>{outcome(application.id, call)}</dd>
                </dl>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="start">
        <h2 id="start">{m.startTitle}</h2>
        <QueryStatus query={calls} />
        {calls.data && openCalls.length === 0 ? <p>{m.noOpenCallToStart}</p> : null}
        {openCalls.length > 0 && approved.length === 0 ? <p>{m.needApproval}</p> : null}
        {approved.length > 0
          ? openCalls.map((call) => (
              <StartApplication
                key={call.id}
                call={call}
                municipalities={approved}
                taken={items
                  .filter((application) => application.callId === call.id && application.status !== 'withdrawn')
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
  call: CallResponse;
  municipalities: Array<{ municipalityKsh: string; municipalityName: string }>;
  /** "ksh:themeId" of the applications the municipalities have in the call already. */
  taken: string[];
}) {
  const { lang } = useI18n();
  const m = useApplicantMessages();
  const en = lang === 'en';
  const detail = useQuery(callQuery(call.id));
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
      <QueryStatus query={detail} />
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
      {detail.data ? (
        <fieldset className="choices">
          <legend>{m.chooseTheme}</legend>
          {detail.data.themes.map((theme) => {
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
