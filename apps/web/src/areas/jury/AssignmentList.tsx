import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { AssignmentResponse } from '../../api/generated/types.gen';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { ConflictForm } from './ConflictForm';
import { useJuryMessages } from './messages';
import { jurorCallsQuery, myAssignmentsQuery, myRoundsProgressQuery } from './queries';
import { StatusBadge } from './StatusBadge';
import './jury.css';
import { PageHeading } from '../../components/PageHeading';

interface RoundGroup {
  roundId: string;
  roundNumber: number;
  items: AssignmentResponse[];
}

function byRound(items: AssignmentResponse[]): RoundGroup[] {
  const groups = new Map<string, RoundGroup>();
  for (const item of items) {
    let group = groups.get(item.roundId);
    if (!group) {
      group = { roundId: item.roundId, roundNumber: item.roundNumber, items: [] };
      groups.set(item.roundId, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}

/** /zsuri/ertekeles: the juror's assignments per round with their own progress. */
export function AssignmentList() {
  const { lang } = useI18n();
  const m = useJuryMessages();
  // three requests at once, however many rounds there are: the progress of every round comes in one answer
  const calls = useQuery(jurorCallsQuery());
  const assignments = useQuery(myAssignmentsQuery());
  const progress = useQuery(myRoundsProgressQuery());
  const groups = byRound(assignments.data?.items ?? []);
  const progressOf = new Map(progress.data?.map((p) => [p.roundId, p]));
  const [done, setDone] = useState<string>();
  const undeclared = calls.data?.filter((call) => !call.declarationAcceptedAt) ?? [];

  return (
    <>
      <PageHeading>{m.assignmentsTitle}</PageHeading>
      {undeclared.length > 0 ? (
        <p className="alert">
          {m.pendingDeclaration} {undeclared.map((call) => call.year).join(', ')} —{' '}
          <Link to="/zsuri">{m.toDeclaration}</Link>
        </p>
      ) : null}
      <p role="status" className="jury-status">
        {done ? m.conflictDone(done) : null}
      </p>
      <QueryStatus query={assignments} />
      {assignments.data?.items.length === 0 ? <p>{m.noAssignments}</p> : null}
      {groups.map((group) => {
        const own = progressOf.get(group.roundId);
        const count = (status: AssignmentResponse['status']) => group.items.filter((a) => a.status === status).length;
        return (
          <section key={group.roundId} aria-labelledby={`round-${group.roundId}`} className="jury-round">
            <h2 id={`round-${group.roundId}`}>{m.round(group.roundNumber)}</h2>
            <p className="muted" data-testid="round-progress">
              {m.progress(
                own?.submitted ?? count('submitted'),
                own?.started ?? count('draft'),
                own?.assigned ?? group.items.length,
              )}
              {own ? (
                <>
                  {' · '}
                  {own.state ? (m.roundStates[own.state] ?? own.state) : null} · {m.closesAt}{' '}
                  <time dateTime={own.closesAt}>{formatDateTime(own.closesAt, lang)}</time>
                </>
              ) : null}
            </p>
            <progress
              className="jury-progress"
              max={Math.max(1, group.items.length)}
              value={count('submitted')}
              aria-label={m.round(group.roundNumber)}
            />
            <ul className="card-list">
              {group.items.map((assignment) => (
                <AssignmentItem key={assignment.id} assignment={assignment} onConflict={setDone} />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

function AssignmentItem({
  assignment,
  onConflict,
}: {
  assignment: AssignmentResponse;
  onConflict: (title: string) => void;
}) {
  const m = useJuryMessages();
  const [open, setOpen] = useState(false);
  const id = `conflict-${assignment.id}`;

  return (
    <li className="card jury-assignment" data-testid="assignment">
      <div className="jury-assignment-head">
        <h3 id={`${id}-title`}>
          <Link to={`/zsuri/ertekeles/${assignment.id}`}>{assignment.applicationTitle}</Link>
        </h3>
        <StatusBadge status={assignment.status} />
      </div>
      <p className="muted">{assignment.municipalityName}</p>
      <div className="jury-actions">
        <Link className="jury-button-link" to={`/zsuri/ertekeles/${assignment.id}`} aria-describedby={`${id}-title`}>
          {m.open}
        </Link>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={id}
          aria-describedby={`${id}-title`}
          onClick={() => setOpen(!open)}
        >
          {m.declareConflict}
        </button>
      </div>
      {open ? (
        <ConflictForm
          id={id}
          callId={assignment.callId}
          applicationId={assignment.applicationId}
          title={assignment.applicationTitle}
          onDone={onConflict}
          onCancel={() => setOpen(false)}
        />
      ) : null}
    </li>
  );
}
