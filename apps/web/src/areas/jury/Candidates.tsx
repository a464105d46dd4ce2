import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { unwrap } from '../../api/client';
import { jurorControllerPreference } from '../../api/generated/sdk.gen';
import type { CandidateResponse, PreferenceDto } from '../../api/generated/types.gen';
import { QueryStatus } from '../../components/QueryStatus';
import { useI18n } from '../../i18n/i18n';
import { ConflictForm } from './ConflictForm';
import { useJuryMessages } from './messages';
import { candidatesQuery, CANDIDATES_PAGE_SIZE, isUnavailable } from './queries';
import './jury.css';
import { PageHeading } from '../../components/PageHeading';

const PREFERENCES: Array<PreferenceDto['preference']> = ['keen', 'neutral', 'rather_not'];

/** /zsuri/palyazatok/:callId: the eligible applications in the juror's themes, to declare conflicts and preferences. */
export function Candidates() {
  const m = useJuryMessages();
  const callId = useParams().callId ?? '';
  const [page, setPage] = useState(1);
  const [done, setDone] = useState<string>();
  const candidates = useQuery({ ...candidatesQuery(callId, page), placeholderData: keepPreviousData });
  const pages = Math.max(1, Math.ceil((candidates.data?.total ?? 0) / CANDIDATES_PAGE_SIZE));

  return (
    <>
      <PageHeading>{m.candidatesTitle}</PageHeading>
      <p>{m.candidatesIntro}</p>
      <p>
        <Link to="/zsuri">{m.homeTitle}</Link>
      </p>
      <p role="status" className="jury-status">
        {done ? m.conflictDone(done) : null}
      </p>
      {candidates.isError && isUnavailable(candidates.error) ? (
        <p className="alert">{m.unavailableText}</p>
      ) : (
        <QueryStatus query={candidates} />
      )}
      {candidates.data?.items.length === 0 ? <p>{m.noCandidates}</p> : null}
      <ul className="card-list">
        {candidates.data?.items.map((candidate) => (
          <CandidateItem key={candidate.applicationId} callId={callId} candidate={candidate} onConflict={setDone} />
        ))}
      </ul>
      {pages > 1 ? (
        <nav aria-label={m.candidatesTitle} className="jury-actions">
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {m.previousPage}
          </button>
          <span className="muted">{m.pageOf(page, pages)}</span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {m.nextPage}
          </button>
        </nav>
      ) : null}
    </>
  );
}

function CandidateItem({
  callId,
  candidate,
  onConflict,
}: {
  callId: string;
  candidate: CandidateResponse;
  onConflict: (title: string) => void;
}) {
  const { lang } = useI18n();
  const m = useJuryMessages();
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  // the api sends null where there is no conflict
  const conflict = candidate.conflict as CandidateResponse['conflict'] | null;
  const id = `candidate-${candidate.applicationId}`;
  const prefer = useMutation({
    mutationFn: (preference: PreferenceDto['preference']) =>
      unwrap(
        jurorControllerPreference({
          path: { callId, applicationId: candidate.applicationId },
          body: { preference },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['jury', 'candidates', callId] }),
  });

  return (
    <li className="card jury-assignment" data-testid="candidate">
      <h2 id={`${id}-title`} className="candidate-title">
        {candidate.title}
      </h2>
      <p className="muted">
        {candidate.municipalityName} · {lang === 'en' ? candidate.themeTitleEn : candidate.themeTitleHu}
      </p>
      {candidate.summary ? <p className="prewrap">{candidate.summary}</p> : null}
      {conflict ? (
        <p>
          <strong>{m.conflictSources[conflict] ?? conflict}</strong>
        </p>
      ) : (
        <>
          <div className="field candidate-preference">
            <label htmlFor={`${id}-preference`}>{m.preference}</label>
            <select
              className="jury-select"
              id={`${id}-preference`}
              value={prefer.isPending && prefer.variables ? prefer.variables : candidate.preference}
              onChange={(event) => prefer.mutate(event.target.value as PreferenceDto['preference'])}
              aria-describedby={prefer.error ? `${id}-preference-error` : undefined}
            >
              {PREFERENCES.map((value) => (
                <option key={value} value={value}>
                  {m.preferences[value]}
                </option>
              ))}
            </select>
            {prefer.error ? (
              <p id={`${id}-preference-error`} className="field-error">
                {prefer.error.message}
              </p>
            ) : null}
          </div>
          <div className="jury-actions">
            <button
              type="button"
              aria-expanded={open}
              aria-controls={`${id}-conflict`}
              aria-describedby={`${id}-title`}
              onClick={() => setOpen(!open)}
            >
              {m.declareConflict}
            </button>
          </div>
          {open ? (
            <ConflictForm
              id={`${id}-conflict`}
              callId={callId}
              applicationId={candidate.applicationId}
              title={candidate.title}
              onDone={onConflict}
              onCancel={() => setOpen(false)}
            />
          ) : null}
        </>
      )}
    </li>
  );
}
