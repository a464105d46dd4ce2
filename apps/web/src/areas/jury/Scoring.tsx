import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, unwrap } from '../../api/client';
import { assignmentsControllerSave } from '../../api/generated/sdk.gen';
import type {
  AssignmentDetailResponse,
  RoundCriterionResponse,
  ScorecardDto,
  ScorecardResponse,
} from '../../api/generated/types.gen';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime, formatNumber, type Lang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { ApplicationView } from './ApplicationView';
import { useJuryMessages } from './messages';
import { assignmentQuery, isUnavailable } from './queries';
import { StatusBadge } from './StatusBadge';
import './jury.css';
import { PageHeading } from '../../components/PageHeading';

/** Milliseconds of quiet after an edit before a draft saves itself. */
const AUTOSAVE_DELAY = 1500;

interface Entry {
  points: string;
  abstain: boolean;
  reason: string;
  note: string;
}

interface Draft {
  entries: Record<string, Entry>;
  privateNote: string;
  feedback: string;
}

function draftOf(criteria: RoundCriterionResponse[], card: ScorecardResponse): Draft {
  const entries: Record<string, Entry> = {};
  for (const criterion of criteria) {
    const score = card.scores.find((s) => s.criterionId === criterion.id);
    entries[criterion.id] = {
      points: score?.points == null ? '' : String(score.points),
      abstain: !!score?.abstainReason,
      reason: score?.abstainReason ?? '',
      note: score?.note ?? '',
    };
  }
  return { entries, privateNote: card.privateNote ?? '', feedback: card.feedback ?? '' };
}

function parsePoints(value: string): number | null {
  const trimmed = value.trim().replace(',', '.');
  if (trimmed === '') return null;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : null;
}

function isComplete(entry: Entry): boolean {
  return entry.abstain ? entry.reason.trim() !== '' : parsePoints(entry.points) !== null;
}

type EntryField = keyof Entry;
const ENTRY_FIELDS: EntryField[] = ['points', 'abstain', 'reason', 'note'];

/** A field's value as the server keeps it (trimmed text, parsed points; no points or reason where they do not count). */
function normalised(entry: Entry, field: EntryField): string {
  switch (field) {
    case 'points':
      return entry.abstain ? '' : String(parsePoints(entry.points) ?? '');
    case 'abstain':
      return entry.abstain ? '1' : '';
    case 'reason':
      return entry.abstain ? entry.reason.trim() : '';
    case 'note':
      return entry.note.trim();
  }
}

/** One field of a scorecard that may differ between two drafts: a criterion's field, or a note to all. */
type FieldRef = { criterionId: string; field: EntryField } | { field: 'privateNote' | 'feedback' };

function valueOf(draft: Draft, ref: FieldRef): string {
  if ('criterionId' in ref) return normalised(draft.entries[ref.criterionId], ref.field);
  return draft[ref.field].trim();
}

/** The fields that differ between two drafts, in the card's order. */
function differences(criteria: RoundCriterionResponse[], a: Draft, b: Draft): FieldRef[] {
  const refs: FieldRef[] = [
    ...criteria.flatMap((c) => ENTRY_FIELDS.map((field) => ({ criterionId: c.id, field }))),
    { field: 'privateNote' },
    { field: 'feedback' },
  ];
  return refs.filter((ref) => valueOf(a, ref) !== valueOf(b, ref));
}

/**
 * The server's draft with the juror's unsaved edits (what differs from `base`, the version
 * they started from) put back on top: a criterion's score (points or an abstention with its
 * reason) and its note each go as one; what the juror did not touch stays as on the server.
 */
function rebase(criteria: RoundCriterionResponse[], base: Draft, mine: Draft, server: Draft): Draft {
  const changed = (ref: FieldRef) => valueOf(mine, ref) !== valueOf(base, ref);
  const entries: Record<string, Entry> = {};
  for (const c of criteria) {
    const own = mine.entries[c.id];
    let entry = { ...server.entries[c.id] };
    if ((['points', 'abstain', 'reason'] as const).some((field) => changed({ criterionId: c.id, field }))) {
      entry = { ...entry, points: own.points, abstain: own.abstain, reason: own.reason };
    }
    if (changed({ criterionId: c.id, field: 'note' })) entry.note = own.note;
    entries[c.id] = entry;
  }
  const pick = (field: 'privateNote' | 'feedback') => (changed({ field }) ? mine[field] : server[field]);
  return { entries, privateNote: pick('privateNote'), feedback: pick('feedback') };
}

function bodyOf(criteria: RoundCriterionResponse[], draft: Draft, version: number, submit: boolean): ScorecardDto {
  return {
    version,
    submit,
    scores: criteria.map((criterion) => {
      const entry = draft.entries[criterion.id];
      return entry.abstain
        ? { criterionId: criterion.id, points: null, abstainReason: entry.reason.trim() || null, note: entry.note }
        : { criterionId: criterion.id, points: parsePoints(entry.points), abstainReason: null, note: entry.note };
    }),
    privateNote: draft.privateNote,
    feedback: draft.feedback,
  };
}

/** The api's field problems by criterion: `scores.<criterionId>` (incomplete) or `scores.<index>.<field>`. */
function criterionErrors(error: ApiError | undefined, criteria: RoundCriterionResponse[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!error) return out;
  for (const [key, message] of Object.entries(error.fields)) {
    const [head, ref] = key.split('.');
    if (head !== 'scores' || ref === undefined) continue;
    const criterion = /^\d+$/.test(ref) ? criteria[Number(ref)] : criteria.find((c) => c.id === ref);
    if (criterion) out[criterion.id] = out[criterion.id] ? `${out[criterion.id]} ${message}` : message;
  }
  return out;
}

/** /zsuri/ertekeles/:assignmentId: the application beside the scorecard. */
export function Scoring() {
  const m = useJuryMessages();
  const assignmentId = useParams().assignmentId ?? '';
  const detail = useQuery(assignmentQuery(assignmentId));

  if (detail.isError && isUnavailable(detail.error)) {
    return (
      <>
        <PageHeading>{m.unavailableTitle}</PageHeading>
        <p data-testid="unavailable">{m.unavailableText}</p>
        <p>
          <Link to="/zsuri/ertekeles">{m.backToList}</Link>
        </p>
      </>
    );
  }
  if (!detail.data) {
    return (
      <>
        <PageHeading>{m.scorecard}</PageHeading>
        <QueryStatus query={detail} />
      </>
    );
  }
  return <ScoringScreen key={assignmentId} detail={detail.data} />;
}

function ScoringScreen({ detail }: { detail: AssignmentDetailResponse }) {
  const { lang } = useI18n();
  const m = useJuryMessages();
  const queryClient = useQueryClient();
  const { criteria, application } = detail;
  const id = detail.assignment.id;
  const readOnly = detail.round.state !== 'open';
  const [draft, setDraft] = useState(() => draftOf(criteria, detail.scorecard));
  const [card, setCard] = useState(detail.scorecard);
  // the server's card at `version`: what the juror's edits are measured against
  const version = useRef(detail.scorecard.version);
  const base = useRef(draftOf(criteria, detail.scorecard));
  const [edits, setEdits] = useState(0);
  const [savedEdits, setSavedEdits] = useState(0);
  const dirty = edits !== savedEdits;
  const [incomplete, setIncomplete] = useState<Record<string, string>>({});
  // a stale save: the server's newer card, shown beside the juror's text until they choose
  const [conflict, setConflict] = useState<ScorecardResponse>();
  const [conflictError, setConflictError] = useState<string>();

  /** Asks for the server's card after a stale save (nothing the juror typed is touched). */
  async function loadServerCard() {
    setConflictError(undefined);
    try {
      const fresh = await queryClient.fetchQuery({ ...assignmentQuery(id), staleTime: 0 });
      setConflict(fresh.scorecard);
    } catch (failure) {
      setConflictError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  const save = useMutation({
    mutationFn: ({ submit, draft: sent }: { submit: boolean; edits: number; draft: Draft }) =>
      unwrap(assignmentsControllerSave({ path: { id }, body: bodyOf(criteria, sent, version.current, submit) })),
    onError: (failure, variables) => {
      // kept apart from the latest error: a later draft save must not hide what the submission lacked
      if (variables.submit && failure instanceof ApiError && failure.code === 'SCORECARD_INCOMPLETE') {
        setIncomplete(criterionErrors(failure, criteria));
      }
      if (failure instanceof ApiError && failure.code === 'STALE_VERSION') void loadServerCard();
    },
    onSuccess: (saved, variables) => {
      if (variables.submit) setIncomplete({});
      version.current = saved.version;
      base.current = draftOf(criteria, saved);
      setCard(saved);
      setSavedEdits(variables.edits);
      queryClient.setQueryData(assignmentQuery(id).queryKey, { ...detail, scorecard: saved });
      void queryClient.invalidateQueries({ queryKey: ['jury', 'assignments'] });
      void queryClient.invalidateQueries({ queryKey: ['jury', 'progress'] });
    },
  });
  const error = save.error instanceof ApiError ? save.error : undefined;
  const fieldErrors = criterionErrors(error?.code === 'SCORECARD_INCOMPLETE' ? undefined : error, criteria);
  // what the last submission lacked and the draft still lacks
  const stillMissing = criteria.filter((c) => incomplete[c.id] && !isComplete(draft.entries[c.id]));
  for (const c of stillMissing) fieldErrors[c.id] ??= incomplete[c.id];
  const stale = error?.code === 'STALE_VERSION';
  const submitted = card.status === 'submitted';

  // a draft saves itself after a quiet moment; a submitted card only by its button (it must stay complete)
  const { mutate, isPending } = save;
  useEffect(() => {
    if (readOnly || submitted || !dirty || isPending || stale) return;
    const timer = setTimeout(() => mutate({ submit: false, edits, draft }), AUTOSAVE_DELAY);
    return () => clearTimeout(timer);
  }, [readOnly, submitted, dirty, isPending, mutate, stale, edits, draft]);

  function change(update: (current: Draft) => Draft) {
    setDraft(update);
    setEdits((n) => n + 1);
  }
  function changeEntry(criterionId: string, patch: Partial<Entry>) {
    change((current) => ({
      ...current,
      entries: { ...current.entries, [criterionId]: { ...current.entries[criterionId], ...patch } },
    }));
  }

  /** The server's card with the juror's unsaved edits on top, saved at once on the server's version. */
  function keepMine() {
    if (!conflict) return;
    const server = draftOf(criteria, conflict);
    const next = rebase(criteria, base.current, draft, server);
    version.current = conflict.version;
    base.current = server;
    setCard(conflict);
    setConflict(undefined);
    setDraft(next);
    const count = edits + 1;
    setEdits(count);
    mutate({ submit: false, edits: count, draft: next });
  }

  /** The server's card as it is; the juror's unsaved edits are dropped (they chose so). */
  function takeServer() {
    if (!conflict) return;
    const server = draftOf(criteria, conflict);
    version.current = conflict.version;
    base.current = server;
    setCard(conflict);
    setConflict(undefined);
    setDraft(server);
    setSavedEdits(edits);
    save.reset();
  }

  const name = (c: RoundCriterionResponse) => (lang === 'en' ? c.nameEn : c.nameHu);
  const stepText = formatNumber(detail.scoreStep, lang);

  return (
    <>
      <p className="eyebrow">
        {lang === 'en'
          ? detail.round.nameEn || m.round(detail.round.number)
          : detail.round.nameHu || m.round(detail.round.number)}
      </p>
      <PageHeading>{m.scoringTitle(application.title)}</PageHeading>
      <p>
        <Link to="/zsuri/ertekeles">{m.backToList}</Link>
      </p>
      <div className="scoring-layout">
        <ApplicationView assignmentId={id} application={application} />
        <section aria-labelledby="scorecard-title" className="scoring-card">
          <div className="jury-assignment-head">
            <h2 id="scorecard-title">{m.scorecard}</h2>
            <StatusBadge status={card.status} />
          </div>
          {readOnly ? <p className="alert">{m.roundNotOpen}</p> : null}
          {submitted ? <p className="jury-notice">{m.submittedNotice}</p> : null}
          <p className="muted">{m.scoreStepHint(stepText)}</p>
          <form onSubmit={(event: FormEvent) => event.preventDefault()} noValidate>
            <fieldset className="jury-fieldset" disabled={readOnly} aria-labelledby="scorecard-title">
              {criteria.map((criterion) => (
                <CriterionInput
                  key={criterion.id}
                  criterion={criterion}
                  name={name(criterion)}
                  guidance={lang === 'en' ? criterion.guidanceEn : criterion.guidanceHu}
                  step={detail.scoreStep}
                  lang={lang}
                  entry={draft.entries[criterion.id]}
                  error={fieldErrors[criterion.id]}
                  onChange={(patch) => changeEntry(criterion.id, patch)}
                />
              ))}
              <TextArea
                id="private-note"
                label={m.privateNote}
                value={draft.privateNote}
                error={error?.fields.privateNote}
                onValue={(privateNote) => change((d) => ({ ...d, privateNote }))}
              />
              <TextArea
                id="feedback"
                label={m.feedback}
                value={draft.feedback}
                error={error?.fields.feedback}
                onValue={(feedback) => change((d) => ({ ...d, feedback }))}
              />
            </fieldset>
            {conflict ? (
              <StalePanel
                criteria={criteria}
                base={base.current}
                draft={draft}
                server={conflict}
                onKeepMine={keepMine}
                onTakeServer={takeServer}
              />
            ) : null}
            <div role="alert" className="scoring-errors">
              {stillMissing.length > 0 ? (
                <div className="alert" data-testid="incomplete">
                  <p>{m.incomplete}</p>
                  <ul>
                    {stillMissing.map((c) => (
                      <li key={c.id}>
                        <a href={`#points-${c.id}`}>{name(c)}</a>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : stale ? (
                conflict ? null : (
                  <div className="alert">
                    <p>{conflictError ? m.staleLoadFailed(conflictError) : m.stale}</p>
                    {conflictError ? (
                      <button type="button" onClick={() => void loadServerCard()}>
                        {m.retry}
                      </button>
                    ) : null}
                  </div>
                )
              ) : save.error && error?.code !== 'SCORECARD_INCOMPLETE' && Object.keys(fieldErrors).length === 0 ? (
                <p className="alert">{save.error.message}</p>
              ) : null}
            </div>
            {readOnly ? null : (
              <div className="jury-actions scoring-actions">
                <button
                  type="button"
                  disabled={save.isPending || stale}
                  onClick={() => save.mutate({ submit: false, edits, draft })}
                >
                  {submitted ? m.saveChanges : m.saveDraft}
                </button>
                {submitted ? null : (
                  <button
                    type="button"
                    className="primary"
                    disabled={save.isPending || stale}
                    onClick={() => save.mutate({ submit: true, edits, draft })}
                  >
                    {m.submit}
                  </button>
                )}
              </div>
            )}
            <p className="muted" role="status" data-testid="save-state">
              {save.isPending
                ? m.saving
                : dirty
                  ? m.unsaved
                  : card.submittedAt && submitted
                    ? m.submittedAt(formatDateTime(card.submittedAt, lang))
                    : card.version > 0 && card.status !== 'assigned'
                      ? m.savedAt(formatDateTime(card.updatedAt, lang))
                      : null}
            </p>
          </form>
        </section>
      </div>
    </>
  );
}

/**
 * A stale save: what changed on the server since the juror's version, beside what the juror
 * has, and the two ways on (their edits on top of the server's card, or the server's card).
 */
function StalePanel({
  criteria,
  base,
  draft,
  server,
  onKeepMine,
  onTakeServer,
}: {
  criteria: RoundCriterionResponse[];
  base: Draft;
  draft: Draft;
  server: ScorecardResponse;
  onKeepMine: () => void;
  onTakeServer: () => void;
}) {
  const { lang } = useI18n();
  const m = useJuryMessages();
  const theirs = draftOf(criteria, server);
  const changed = differences(criteria, base, theirs);
  const yours = differences(criteria, base, draft);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);

  const label = (field: FieldRef): string => {
    if (!('criterionId' in field)) return m.staleFields[field.field];
    const criterion = criteria.find((c) => c.id === field.criterionId);
    const criterionName = criterion ? (lang === 'en' ? criterion.nameEn : criterion.nameHu) : '';
    return `${criterionName}: ${m.staleFields[field.field]}`;
  };
  const shown = (value: string, field: FieldRef): string => {
    if (field.field === 'abstain') return value ? m.yes : m.no;
    if (field.field === 'points' && value) return formatNumber(Number(value), lang);
    return value || m.staleEmpty;
  };

  return (
    <section
      className="card jury-stale"
      role="alert"
      aria-labelledby="stale-title"
      tabIndex={-1}
      ref={ref}
      data-testid="stale"
    >
      <h3 id="stale-title">{m.staleTitle}</h3>
      <p>{m.staleIntro(formatDateTime(server.updatedAt, lang))}</p>
      {changed.length ? (
        <dl className="jury-stale-list">
          {changed.map((field) => (
            <div key={label(field)}>
              <dt>{label(field)}</dt>
              <dd>
                <span className="muted">{m.staleServer}</span>{' '}
                <span className="prewrap">{shown(valueOf(theirs, field), field)}</span>
              </dd>
              <dd>
                <span className="muted">{m.staleMine}</span>{' '}
                <span className="prewrap">{shown(valueOf(draft, field), field)}</span>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>{m.staleNothingChanged}</p>
      )}
      {yours.length ? (
        <p>
          {m.staleYours} {yours.map(label).join('; ')}
        </p>
      ) : null}
      <p className="muted">{m.staleKeepMineHint}</p>
      <div className="jury-actions">
        <button type="button" className="primary" onClick={onKeepMine}>
          {m.staleKeepMine}
        </button>
        <button type="button" onClick={onTakeServer}>
          {m.staleTakeServer}
        </button>
      </div>
    </section>
  );
}

function CriterionInput({
  criterion,
  name,
  guidance,
  step,
  lang,
  entry,
  error,
  onChange,
}: {
  criterion: RoundCriterionResponse;
  name: string;
  guidance: string;
  step: number;
  lang: Lang;
  entry: Entry;
  error?: string;
  onChange: (patch: Partial<Entry>) => void;
}) {
  const m = useJuryMessages();
  const base = `criterion-${criterion.id}`;
  const errorId = `${base}-error`;
  const guidanceId = `${base}-guidance`;
  return (
    <fieldset className="criterion card" data-testid="criterion" aria-describedby={guidance ? guidanceId : undefined}>
      <legend>
        {criterion.position}. {name}{' '}
        <span className="muted criterion-meta">
          ({m.maxPoints(criterion.maxPoints)}, {m.weight(formatNumber(criterion.weight, lang))})
        </span>
      </legend>
      {guidance ? (
        <p id={guidanceId} className="prewrap criterion-guidance">
          {guidance}
        </p>
      ) : null}
      <div className="criterion-row">
        <div className="field">
          <label htmlFor={`points-${criterion.id}`}>{m.points(criterion.maxPoints)}</label>
          <input
            id={`points-${criterion.id}`}
            type="number"
            inputMode="decimal"
            min={0}
            max={criterion.maxPoints}
            step={step}
            value={entry.points}
            disabled={entry.abstain}
            onChange={(event) => onChange({ points: event.target.value })}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
        </div>
        <div className="jury-check">
          <input
            id={`${base}-abstain`}
            type="checkbox"
            checked={entry.abstain}
            onChange={(event) => onChange({ abstain: event.target.checked })}
          />
          <label htmlFor={`${base}-abstain`}>{m.abstain}</label>
        </div>
      </div>
      {entry.abstain ? (
        <TextArea
          id={`${base}-reason`}
          label={m.abstainReason}
          value={entry.reason}
          rows={2}
          onValue={(reason) => onChange({ reason })}
        />
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      <TextArea id={`${base}-note`} label={m.note} value={entry.note} rows={2} onValue={(note) => onChange({ note })} />
    </fieldset>
  );
}

function TextArea({
  id,
  label,
  value,
  error,
  rows = 4,
  onValue,
}: {
  id: string;
  label: string;
  value: string;
  error?: string;
  rows?: number;
  onValue: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        className="jury-textarea"
        id={id}
        rows={rows}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
