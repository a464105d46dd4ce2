import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { unwrap } from '../../api/client';
import {
  assignmentsControllerRemove,
  callJuryControllerCreateRound,
  roundsControllerAssign,
  roundsControllerAutoAssign,
  roundsControllerClose,
} from '../../api/generated/sdk.gen';
import type { AutoAssignResponse, CreateRoundDto, RoundResponse } from '../../api/generated/types.gen';
import { callQuery } from '../../api/queries';
import { Field } from '../../components/Field';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { CallHeading } from './CallHeading';
import { ErrorAlert, SelectField } from './fields';
import { useCoordinatorMessages } from './messages';
import {
  assignmentsQuery,
  juryQuery,
  PAGE_SIZE,
  rankingQuery,
  roundsQuery,
  submittedApplicationsQuery,
} from './queries';
import { Notice, Pager } from './Shell';

/** The call's scoring rounds: opening one (round n+1 with a shortlist), closing, automatic and manual assignment. */
export function Rounds() {
  const m = useCoordinatorMessages();
  const callId = useParams().id ?? '';
  const call = useQuery(callQuery(callId));
  const rounds = useQuery(roundsQuery(callId));
  const [notice, setNotice] = useState('');
  const last = rounds.data?.at(-1);

  return (
    <>
      <CallHeading call={call} title={m.roundsTitle} fallback={m.rounds} />
      {notice ? <Notice>{notice}</Notice> : null}
      <QueryStatus query={rounds} />
      {rounds.data?.length === 0 ? <p>{m.noRounds}</p> : null}
      {rounds.data?.map((round) => (
        <RoundCard key={round.id} round={round} onDone={setNotice} />
      ))}
      {call.data && rounds.data ? (
        call.data.status !== 'scoring' ? (
          <p className="muted">{m.scoringOnly}</p>
        ) : last && last.state !== 'closed' ? (
          <p className="muted">{m.previousOpen}</p>
        ) : (
          <OpenRoundForm callId={callId} previous={last} onDone={setNotice} />
        )
      ) : null}
    </>
  );
}

function OpenRoundForm({
  callId,
  previous,
  onDone,
}: {
  callId: string;
  previous: RoundResponse | undefined;
  onDone: (text: string) => void;
}) {
  const m = useCoordinatorMessages();
  const queryClient = useQueryClient();
  const number = (previous?.number ?? 0) + 1;
  const [closesAt, setClosesAt] = useState('');
  const [top, setTop] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const ranking = useQuery({ ...rankingQuery(previous?.id ?? '', undefined, false), enabled: !!previous });
  const open = useMutation({
    mutationFn: () => {
      const body: CreateRoundDto = { closesAt };
      if (previous) body.shortlist = top ? { topPerTheme: Number(top) } : { applicationIds: chosen };
      return unwrap(callJuryControllerCreateRound({ path: { callId }, body }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['coordinator', 'rounds', callId] });
      onDone(m.roundOpened);
      setClosesAt('');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    open.mutate();
  }

  return (
    <form className="card form" onSubmit={submit} noValidate>
      <h2>{m.openRound(number)}</h2>
      <ErrorAlert error={open.error} />
      <Field
        id="round-closes-at"
        type="datetime-local"
        required
        label={m.roundClosesAt}
        value={closesAt}
        onValue={setClosesAt}
      />
      {previous ? (
        <fieldset>
          <legend>{m.shortlist}</legend>
          <Field
            id="round-top"
            type="number"
            inputMode="numeric"
            min={1}
            label={m.topPerTheme}
            value={top}
            onValue={setTop}
          />
          <p>{m.orChosen}</p>
          <QueryStatus query={ranking} />
          {ranking.data?.items.map((row) => (
            <div className="check" key={row.applicationId}>
              <input
                id={`shortlist-${row.applicationId}`}
                type="checkbox"
                disabled={!!top}
                checked={chosen.includes(row.applicationId)}
                onChange={(event) =>
                  setChosen((ids) =>
                    event.target.checked ? [...ids, row.applicationId] : ids.filter((x) => x !== row.applicationId),
                  )
                }
              />
              <label htmlFor={`shortlist-${row.applicationId}`}>
                {row.rank !== null ? `${row.rank}. ` : ''}
                {row.title} <span className="muted">({row.municipalityName})</span>
              </label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <button
        type="submit"
        className="primary"
        disabled={open.isPending || !closesAt || (!!previous && !top && chosen.length === 0)}
      >
        {m.openRound(number)}
      </button>
    </form>
  );
}

function RoundCard({ round, onDone }: { round: RoundResponse; onDone: (text: string) => void }) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const queryClient = useQueryClient();
  const [report, setReport] = useState<AutoAssignResponse>();
  const [closing, setClosing] = useState(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['coordinator', 'rounds', round.callId] }),
      queryClient.invalidateQueries({ queryKey: ['coordinator', 'assignments', round.id] }),
    ]);
  const close = useMutation({
    mutationFn: () => unwrap(roundsControllerClose({ path: { roundId: round.id }, body: { version: round.version } })),
    onSuccess: async () => {
      await refresh();
      onDone(m.roundClosed);
    },
  });
  const auto = useMutation({
    mutationFn: () => unwrap(roundsControllerAutoAssign({ path: { roundId: round.id } })),
    onSuccess: (result) => {
      setReport(result);
      return refresh();
    },
  });
  const headingId = `round-${round.id}`;
  const closed = round.state === 'closed';

  return (
    <section className="card" aria-labelledby={headingId} data-testid="round">
      <h2 id={headingId}>
        {lang === 'en' ? round.nameEn : round.nameHu} · {m.roundStates[round.state]}
      </h2>
      <p>
        <time dateTime={round.opensAt}>{formatDateTime(round.opensAt, lang)}</time> –{' '}
        <time dateTime={round.closesAt}>{formatDateTime(round.closesAt, lang)}</time> ·{' '}
        {m.roundApplications(round.applications)}
      </p>
      <ErrorAlert error={close.error ?? auto.error} />
      {!closed ? (
        <div className="actions">
          <button type="button" className="primary" onClick={() => auto.mutate()} disabled={auto.isPending}>
            {m.autoAssign}
          </button>
          {closing ? (
            <>
              <button type="button" onClick={() => close.mutate()} disabled={close.isPending}>
                {m.confirmClose}
              </button>
              <button type="button" onClick={() => setClosing(false)}>
                {m.cancel}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setClosing(true)}>
              {m.closeRound}
            </button>
          )}
        </div>
      ) : null}
      {report ? <AutoAssignReport report={report} /> : null}
      <Assignments round={round} onDone={onDone} />
    </section>
  );
}

function AutoAssignReport({ report }: { report: AutoAssignResponse }) {
  const m = useCoordinatorMessages();
  return (
    <div className="report" data-testid="auto-assign-report">
      <h3>{m.autoAssignReport}</h3>
      <p role="status">{m.reportSummary(report.created, report.kept, report.replanned, report.jurorsPerApplication)}</p>
      <h4>{m.loads}</h4>
      <div className="table-wrap">
        <table className="data-table narrow">
          <thead>
            <tr>
              <th scope="col">{m.juror}</th>
              <th scope="col">{m.load}</th>
            </tr>
          </thead>
          <tbody>
            {report.loads.map((load) => (
              <tr key={load.juryMemberId} data-testid="load">
                <td>{load.name}</td>
                <td>{load.load}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{m.loadSpread(report.loadSpread)}</p>
      <h4>{m.shortfalls}</h4>
      {report.shortfalls.length === 0 ? <p>{m.noShortfalls}</p> : null}
      <ul>
        {report.shortfalls.map((s) => (
          <li key={s.applicationId} data-testid="shortfall">
            <strong>{s.title}</strong>: {m.shortfallLine(s.assigned, s.needed)} – {m.shortfallReasons[s.reason]}{' '}
            <span className="muted">({m.shortfallDetail(s.candidates, s.conflicted, s.outsideThemes)})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Assignments({ round, onDone }: { round: RoundResponse; onDone: (text: string) => void }) {
  const m = useCoordinatorMessages();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const list = useQuery(assignmentsQuery(round.id, page));
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(assignmentsControllerRemove({ path: { id } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['coordinator', 'assignments', round.id] });
      onDone(m.unassigned);
    },
  });
  const closed = round.state === 'closed';

  return (
    <>
      <h3>{m.assignments}</h3>
      <QueryStatus query={list} />
      <ErrorAlert error={remove.error} />
      {list.data?.items.length === 0 ? <p>{m.noAssignments}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{m.application}</th>
                <th scope="col">{m.juror}</th>
                <th scope="col">{m.source}</th>
                <th scope="col">{m.status}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <tr key={a.id} data-testid="assignment">
                  <td>
                    {a.applicationTitle}
                    <br />
                    <span className="muted">{a.municipalityName}</span>
                  </td>
                  <td>{a.jurorName}</td>
                  <td>{m.assignmentSources[a.source]}</td>
                  <td>
                    {m.assignmentStatuses[a.status]}
                    {!closed && a.status === 'assigned' ? (
                      <>
                        <br />
                        <button
                          type="button"
                          onClick={() => remove.mutate(a.id)}
                          disabled={remove.isPending}
                          aria-label={`${m.unassign}: ${a.applicationTitle}, ${a.jurorName}`}
                        >
                          {m.unassign}
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
      {list.data && list.data.total > PAGE_SIZE ? (
        <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
      ) : null}
      {!closed ? <ManualAssign round={round} onDone={onDone} /> : null}
    </>
  );
}

function ManualAssign({ round, onDone }: { round: RoundResponse; onDone: (text: string) => void }) {
  const m = useCoordinatorMessages();
  const queryClient = useQueryClient();
  const jury = useQuery(juryQuery(round.callId));
  const applications = useQuery(submittedApplicationsQuery(round.callId));
  const [applicationId, setApplicationId] = useState('');
  const [juryMemberId, setJuryMemberId] = useState('');
  const assign = useMutation({
    mutationFn: () =>
      unwrap(roundsControllerAssign({ path: { roundId: round.id }, body: { applicationId, juryMemberId } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['coordinator', 'assignments', round.id] });
      onDone(m.assigned);
    },
  });
  const members = (jury.data?.items ?? []).filter((member) => !member.removedAt);

  function submit(event: FormEvent) {
    event.preventDefault();
    assign.mutate();
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <h4>{m.manualAssign}</h4>
      <ErrorAlert error={assign.error} />
      <div className="filters">
        <SelectField
          id={`assign-application-${round.id}`}
          label={m.application}
          value={applicationId}
          onValue={setApplicationId}
          empty={m.chooseApplication}
          options={(applications.data?.items ?? []).map((a) => [a.id, `${a.title} (${a.municipality.name})`])}
        />
        <SelectField
          id={`assign-juror-${round.id}`}
          label={m.juror}
          value={juryMemberId}
          onValue={setJuryMemberId}
          empty={m.chooseJuror}
          options={members.map((member) => [member.id, member.name])}
        />
      </div>
      <button type="submit" disabled={assign.isPending || !applicationId || !juryMemberId}>
        {m.assign}
      </button>
    </form>
  );
}
