import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, unwrap } from '../../api/client';
import {
  applicationsControllerGet,
  applicationsControllerSubmit,
  applicationsControllerUpdate,
} from '../../api/generated/sdk.gen';
import type { CallDetailResponse, CallQuestionResponse } from '../../api/generated/types.gen';
import { callQuery } from '../../api/queries';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import './applicant.css';
import { Attachments } from './Attachments';
import { changedPaths, CONTACT_FIELDS, fieldId, type Flat, flatten, toPatch } from './content';
import { type ApplicantMessages, useApplicantMessages } from './messages';
import { type Application, applicationOutcomeQuery, applicationQuery, organisationsQuery } from './queries';
import { usePageTitle } from '../../components/usePageTitle';

const SAVE_DELAY_MS = 800;
const RETRY_MS = 5000;
const LONG_FIELDS = new Set([
  'summary',
  'problem',
  'practice',
  'results',
  'funding',
  'partners',
  'communityParticipation',
  'sustainability',
  'adoption',
]);
const REQUIRED = new Set<string>([
  'title',
  'summary',
  'problem',
  'practice',
  'results',
  'costHuf',
  'communityParticipation',
  'sustainability',
  'adoption',
  'startDate',
  'contact.name',
  'contact.position',
  'contact.email',
  'contact.phone',
]);
const MAX_LENGTH: Record<string, number> = { title: 300, summary: 1000 };

type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error' | 'invalid' | 'conflict';

interface Current {
  version: number;
  content: object;
  updatedAt: string;
  updatedBy: { id: string; name: string };
}

/** Unsaved changes kept in this browser until the server has them (a closed tab loses nothing). */
const backupKey = (id: string) => `logy.application-draft.${id}`;
function readBackup(id: string): Flat | undefined {
  try {
    const raw = localStorage.getItem(backupKey(id));
    return raw ? (JSON.parse(raw) as Flat) : undefined;
  } catch {
    return undefined;
  }
}
function writeBackup(id: string, changes: Flat | undefined): void {
  try {
    if (changes && Object.keys(changes).length) localStorage.setItem(backupKey(id), JSON.stringify(changes));
    else localStorage.removeItem(backupKey(id));
  } catch {
    // storage refused: the server copy is all there is
  }
}

/** /palyazataim/:id: the application form from the call's definition, saved as one types. */
export function ApplicationForm() {
  const { id = '' } = useParams();
  const m = useApplicantMessages();
  const application = useQuery({ ...applicationQuery(id), refetchOnWindowFocus: false });
  usePageTitle(application.data?.title?.trim() || m.formTitle);
  const call = useQuery({ ...callQuery(application.data?.callId ?? ''), enabled: Boolean(application.data) });

  if (!application.data || !call.data) {
    return (
      <>
        <h1>{m.formTitle}</h1>
        <QueryStatus query={application.data ? call : application} />
      </>
    );
  }
  return <Editor key={id} initial={application.data} call={call.data} />;
}

function Editor({ initial, call }: { initial: Application; call: CallDetailResponse }) {
  const { lang } = useI18n();
  const m = useApplicantMessages();
  const en = lang === 'en';
  const queryClient = useQueryClient();
  const [app, setApp] = useState(initial);
  const editable = app.status === 'draft';
  const questions = call.questions;

  // the form: what the server has at `version` (base), and what the user sees (draft)
  const base = useRef<Flat>(flatten(initial.content));
  const version = useRef(initial.version);
  const [restored] = useState(() => (editable ? readBackup(initial.id) : undefined));
  const [draft, setDraftState] = useState<Flat>(() => ({ ...base.current, ...restored }));
  const draftRef = useRef(draft);
  const [saveState, setSaveState] = useState<SaveState>(restored ? 'dirty' : 'idle');
  const [savedAt, setSavedAt] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<Current>();
  const saving = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const accept = useCallback(
    (next: Application) => {
      setApp(next);
      queryClient.setQueryData(applicationQuery(next.id).queryKey, next);
    },
    [queryClient],
  );

  const unsavedChanges = useCallback((): Flat => {
    const changes: Flat = {};
    for (const path of changedPaths(draftRef.current, base.current)) changes[path] = draftRef.current[path] ?? '';
    return changes;
  }, []);

  /** Saves what differs from the server's version; again when more was typed meanwhile. */
  const save = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    if (saving.current) return false;
    const content = toPatch(draftRef.current, base.current, questions);
    if (!content) {
      setSaveState((state) =>
        state === 'conflict' ? state : changedPaths(draftRef.current, base.current).length ? 'dirty' : 'saved',
      );
      return true;
    }
    saving.current = true;
    setSaveState('saving');
    try {
      const result = await applicationsControllerUpdate({
        path: { id: initial.id },
        body: { version: version.current, content },
      });
      const status = result.response?.status ?? 0;
      if (result.response?.ok && result.data) {
        base.current = flatten(result.data.content);
        version.current = result.data.version;
        accept(result.data);
        setFieldErrors({});
        setSavedAt(formatDateTime(new Date(), lang));
        writeBackup(initial.id, unsavedChanges());
        const more = Boolean(toPatch(draftRef.current, base.current, questions));
        setSaveState(more ? 'dirty' : 'saved');
        if (more) timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
        return !more;
      }
      const body = result.error as { error?: { code?: string; fields?: Record<string, string>; current?: Current } };
      if (status === 409 && body.error?.current) {
        setConflict(body.error.current);
        setSaveState('conflict');
        return false;
      }
      if (status === 400 && body.error?.fields) {
        setFieldErrors(
          Object.fromEntries(
            Object.entries(body.error.fields).map(([path, text]) => [path.replace(/^content\./, ''), text]),
          ),
        );
        setSaveState('invalid');
        return false;
      }
      throw new Error(String(status));
    } catch {
      // network or server away: the backup keeps the text; try again shortly
      setSaveState('error');
      timer.current = setTimeout(() => void save(), RETRY_MS);
      return false;
    } finally {
      saving.current = false;
    }
  }, [accept, initial.id, lang, questions, unsavedChanges]);

  /** Saves whatever is not saved yet (waiting for a save under way): true once the server has it all. */
  const flush = useCallback(async (): Promise<boolean> => {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (saving.current) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      if (!changedPaths(draftRef.current, base.current).length) return true;
      if (!(await save())) return !changedPaths(draftRef.current, base.current).length;
    }
    return false;
  }, [save]);

  function setValue(path: string, value: string) {
    const next = { ...draftRef.current, [path]: value };
    draftRef.current = next;
    setDraftState(next);
    writeBackup(initial.id, unsavedChanges());
    if (saveState === 'conflict') return;
    setSaveState('dirty');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
  }

  // restored changes from an earlier visit go to the server at once
  useEffect(() => {
    if (restored) void save();
    return () => clearTimeout(timer.current);
  }, [restored, save]);

  // leaving with unsaved text: the browser asks first
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (changedPaths(draftRef.current, base.current).length) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  function keepMine() {
    if (!conflict) return;
    const mine = unsavedChanges();
    base.current = flatten(conflict.content);
    version.current = conflict.version;
    const next = { ...base.current, ...mine };
    draftRef.current = next;
    setDraftState(next);
    setConflict(undefined);
    setSaveState('dirty');
    void save();
  }

  function takeServer() {
    if (!conflict) return;
    base.current = flatten(conflict.content);
    version.current = conflict.version;
    draftRef.current = { ...base.current };
    setDraftState(draftRef.current);
    writeBackup(initial.id, undefined);
    setConflict(undefined);
    setSaveState('saved');
  }

  const label = (path: string): string => {
    if (path.startsWith('answers.')) {
      const question = questions.find((q) => q.id === path.slice(8));
      return question ? (en ? question.labelEn : question.labelHu) : path;
    }
    return m.fields[path] ?? path;
  };

  const field = (path: string) => (
    <FormField
      key={path}
      path={path}
      label={label(path)}
      required={REQUIRED.has(path)}
      long={LONG_FIELDS.has(path)}
      type={
        path === 'startDate'
          ? 'date'
          : path === 'costHuf'
            ? 'number'
            : path === 'contact.email'
              ? 'email'
              : path === 'contact.phone'
                ? 'tel'
                : 'text'
      }
      maxLength={MAX_LENGTH[path]}
      value={draft[path] ?? ''}
      onValue={(value) => setValue(path, value)}
      readOnly={!editable}
      error={fieldErrors[path]}
      hint={
        path === 'startDate' && call.practiceStartedAfter
          ? m.practiceStartedAfter(formatDate(call.practiceStartedAfter, lang))
          : undefined
      }
      m={m}
    />
  );

  return (
    <>
      <p>
        <Link to="/palyazataim">{m.backToList}</Link>
      </p>
      <h1>{draft.title?.trim() || m.formTitle}</h1>
      <p className="muted">
        {call.year} · {en ? call.titleEn : call.titleHu} · {en ? app.theme.titleEn : app.theme.titleHu} ·{' '}
        {app.municipality.name}
      </p>
      <p>
        <span className={`badge badge-${app.status}`}>{m.appStatus[app.status]}</span> · {m.deadline}{' '}
        <time dateTime={app.submissionClosesAt}>{formatDateTime(app.submissionClosesAt, lang)}</time>
      </p>
      {editable ? (
        <div className="save-bar">
          <p role="status" aria-live="polite" data-testid="save-state" className={`save-state save-${saveState}`}>
            {saveState === 'saving'
              ? m.saving
              : saveState === 'saved'
                ? m.saved(savedAt ?? '')
                : saveState === 'dirty' || saveState === 'conflict'
                  ? m.unsaved
                  : saveState === 'error'
                    ? m.saveFailed
                    : saveState === 'invalid'
                      ? m.saveInvalid
                      : ''}
          </p>
        </div>
      ) : (
        <p className="muted">{m.readOnly}</p>
      )}
      {restored ? <p className="notice">{m.restoredLocal}</p> : null}
      {conflict ? (
        <ConflictPanel
          conflict={conflict}
          base={base.current}
          draft={draft}
          label={label}
          onKeepMine={keepMine}
          onTakeServer={takeServer}
        />
      ) : null}

      {app.submissions.length > 0 ? <Submissions app={app} /> : null}
      {call.status === 'published' ? <Outcome app={app} /> : null}

      <form className="application-form" onSubmit={(event) => event.preventDefault()} noValidate>
        <fieldset className="card">
          <legend>{m.sectionPractice}</legend>
          {[
            'title',
            'summary',
            'problem',
            'practice',
            'results',
            'communityParticipation',
            'sustainability',
            'adoption',
            'startDate',
          ].map(field)}
        </fieldset>
        <fieldset className="card">
          <legend>{m.sectionCost}</legend>
          {['costHuf', 'funding', 'partners'].map(field)}
          <PartnerOrganisations
            value={draft.partnerOrganisations ?? ''}
            onValue={(value) => setValue('partnerOrganisations', value)}
            readOnly={!editable}
            error={fieldErrors.partnerOrganisations}
            legend={label('partnerOrganisations')}
          />
        </fieldset>
        <fieldset className="card">
          <legend>{m.sectionContact}</legend>
          {CONTACT_FIELDS.map((name) => field(`contact.${name}`))}
        </fieldset>
        {questions.length > 0 ? (
          <fieldset className="card">
            <legend>{m.sectionQuestions}</legend>
            {questions.map((question) => (
              <QuestionField
                key={question.id}
                question={question}
                value={draft[`answers.${question.id}`] ?? ''}
                onValue={(value) => setValue(`answers.${question.id}`, value)}
                readOnly={!editable}
                error={fieldErrors[`answers.${question.id}`]}
                m={m}
              />
            ))}
          </fieldset>
        ) : null}
      </form>

      <Attachments app={app} editable={editable} onChanged={accept} />

      {editable ? (
        <SubmitSection
          app={app}
          label={label}
          flush={flush}
          version={() => version.current}
          onChanged={accept}
          busy={saveState === 'conflict'}
        />
      ) : null}
    </>
  );
}

interface FormFieldProps {
  path: string;
  label: string;
  required: boolean;
  long: boolean;
  type: string;
  maxLength?: number;
  value: string;
  onValue: (value: string) => void;
  readOnly: boolean;
  error?: string;
  hint?: string;
  m: ApplicantMessages;
}

function FormField({
  path,
  label,
  required,
  long,
  type,
  maxLength,
  value,
  onValue,
  readOnly,
  error,
  hint,
  m,
}: FormFieldProps) {
  const id = fieldId(path);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy =
    [hint || maxLength ? hintId : undefined, error ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: path,
    value,
    readOnly,
    'aria-required': required || undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} {required ? <span className="muted">{m.required}</span> : null}
      </label>
      {long ? (
        <textarea
          {...common}
          rows={path === 'summary' ? 4 : 6}
          maxLength={maxLength}
          onChange={(event) => onValue(event.target.value)}
        />
      ) : (
        <input
          {...common}
          type={type}
          maxLength={maxLength}
          inputMode={type === 'number' ? 'numeric' : undefined}
          min={type === 'number' ? 0 : undefined}
          onChange={(event) => onValue(event.target.value)}
        />
      )}
      {hint || maxLength ? (
        <p id={hintId} className="field-hint">
          {hint ?? m.characters(value.length, maxLength ?? 0)}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function QuestionField({
  question,
  value,
  onValue,
  readOnly,
  error,
  m,
}: {
  question: CallQuestionResponse;
  value: string;
  onValue: (value: string) => void;
  readOnly: boolean;
  error?: string;
  m: ApplicantMessages;
}) {
  const { lang } = useI18n();
  const en = lang === 'en';
  const id = fieldId(`answers.${question.id}`);
  const help = en ? question.helpEn : question.helpHu;
  const label = en ? question.labelEn : question.labelHu;
  const describedBy =
    [help ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    'aria-required': question.required || undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  };
  let control;
  if (question.kind === 'long_text') {
    control = <textarea {...common} rows={5} readOnly={readOnly} onChange={(event) => onValue(event.target.value)} />;
  } else if (question.kind === 'single_choice') {
    control = (
      <select {...common} disabled={readOnly} onChange={(event) => onValue(event.target.value)}>
        <option value="">{m.choose}</option>
        {(question.choices ?? []).map((choice) => (
          <option key={choice.value} value={choice.value}>
            {en ? choice.en : choice.hu}
          </option>
        ))}
      </select>
    );
  } else {
    const type = question.kind === 'number' ? 'number' : question.kind === 'date' ? 'date' : 'text';
    control = (
      <input
        {...common}
        type={type}
        readOnly={readOnly}
        maxLength={question.kind === 'short_text' ? 500 : undefined}
        onChange={(event) => onValue(event.target.value)}
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} {question.required ? <span className="muted">{m.required}</span> : null}
      </label>
      {control}
      {help ? (
        <p id={`${id}-hint`} className="field-hint">
          {help}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function ConflictPanel({
  conflict,
  base,
  draft,
  label,
  onKeepMine,
  onTakeServer,
}: {
  conflict: Current;
  base: Flat;
  draft: Flat;
  label: (path: string) => string;
  onKeepMine: () => void;
  onTakeServer: () => void;
}) {
  const { lang } = useI18n();
  const m = useApplicantMessages();
  const server = flatten(conflict.content);
  const changed = changedPaths(server, base);
  const yours = changedPaths(draft, base);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section
      className="card conflict"
      role="alert"
      aria-labelledby="conflict-title"
      tabIndex={-1}
      ref={ref}
      data-testid="conflict"
    >
      <h2 id="conflict-title">{m.conflictTitle}</h2>
      <p>{m.conflictIntro(conflict.updatedBy.name, formatDateTime(conflict.updatedAt, lang))}</p>
      <dl className="conflict-list">
        {changed.map((path) => (
          <div key={path}>
            <dt>{label(path)}</dt>
            <dd>
              <span className="muted">{m.conflictServer}</span>{' '}
              <span className="prewrap">{server[path] || m.conflictEmpty}</span>
            </dd>
            <dd>
              <span className="muted">{m.conflictMine}</span>{' '}
              <span className="prewrap">{draft[path] || m.conflictEmpty}</span>
            </dd>
          </div>
        ))}
      </dl>
      {yours.length ? (
        <p>
          {m.conflictYours} {yours.map(label).join(', ')}
        </p>
      ) : null}
      <p className="muted">{m.conflictKeepMineHint}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onKeepMine}>
          {m.conflictKeepMine}
        </button>
        <button type="button" onClick={onTakeServer}>
          {m.conflictTakeServer}
        </button>
      </div>
    </section>
  );
}

function SubmitSection({
  app,
  label,
  flush,
  version,
  onChanged,
  busy,
}: {
  app: Application;
  label: (path: string) => string;
  flush: () => Promise<boolean>;
  version: () => number;
  onChanged: (app: Application) => void;
  busy: boolean;
}) {
  const m = useApplicantMessages();
  const dialog = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const missing = app.missing.map((path) => path.replace(/^content\./, ''));

  function jump(path: string) {
    const element = document.getElementById(fieldId(path));
    element?.scrollIntoView({ block: 'center' });
    element?.focus();
  }

  async function submit() {
    setPending(true);
    setError(undefined);
    try {
      if (!(await flush())) throw new Error(m.saveFailed);
      const answer = await unwrap(applicationsControllerSubmit({ path: { id: app.id }, body: { version: version() } }));
      dialog.current?.close();
      onChanged(answer.application);
    } catch (caught) {
      dialog.current?.close();
      setError(caught instanceof ApiError || caught instanceof Error ? caught.message : String(caught));
      // the missing list and status as the server has them now
      const fresh = await applicationsControllerGet({ path: { id: app.id } });
      if (fresh.data) onChanged(fresh.data);
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="check-title" className="card">
      <h2 id="check-title">{m.checkTitle}</h2>
      {missing.length ? (
        <>
          <p>{m.missingIntro(missing.length)}</p>
          <ul data-testid="missing">
            {missing.map((path) => (
              <li key={path}>
                <a
                  href={`#${fieldId(path)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    jump(path);
                  }}
                >
                  {label(path)}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{m.nothingMissing}</p>
      )}
      {error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        className="primary"
        disabled={missing.length > 0 || busy}
        onClick={() => dialog.current?.showModal()}
      >
        {m.submit}
      </button>
      <dialog ref={dialog} aria-labelledby="confirm-title" aria-describedby="confirm-text" className="confirm">
        <h2 id="confirm-title">{m.confirmTitle}</h2>
        <p id="confirm-text">{m.confirmText(app.municipality.name)}</p>
        <div className="actions">
          <button type="button" className="primary" disabled={pending} onClick={() => void submit()}>
            {pending ? m.submitting : m.confirmYes}
          </button>
          <button type="button" onClick={() => dialog.current?.close()} autoFocus>
            {m.confirmNo}
          </button>
        </div>
      </dialog>
    </section>
  );
}

function Submissions({ app }: { app: Application }) {
  const { lang } = useI18n();
  const m = useApplicantMessages();
  const submissions = [...app.submissions].sort((a, b) => b.number - a.number);
  return (
    <section aria-labelledby="submitted-title" className="card notice-card" data-testid="submissions">
      <h2 id="submitted-title">{m.submittedTitle}</h2>
      <ul className="plain-list">
        {submissions.map((submission) => (
          <li key={submission.number}>
            <p>
              {m.receivedAt} <time dateTime={submission.receivedAt}>{formatDateTime(submission.receivedAt, lang)}</time>
            </p>
            <p className="digest">
              {m.digest} <code>{submission.sha256}</code>
            </p>
            <p>
              <a href={submission.receiptUrl} download>
                {m.receipt(submission.number)}
              </a>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Outcome({ app }: { app: Application }) {
  const { lang } = useI18n();
  const m = useApplicantMessages();
  const outcome = useQuery(applicationOutcomeQuery(app.id, lang));
  const result = outcome.data;
  return (
    <section aria-labelledby="outcome-title" className="card" data-testid="outcome">
      <h2 id="outcome-title">{m.outcomeTitle}</h2>
      <QueryStatus query={outcome} />
      {result === null ? <p>{m.notInResults}</p> : null}
      {result ? (
        <>
          <p>
            <strong>{result.awarded && result.level ? m.awarded(result.level) : m.notAwarded}</strong>
          </p>
          <dl className="facts">
            <dt>{m.outcomeTheme}</dt>
            <dd>{result.theme}</dd>
            <dt>{m.outcomePublishedAt}</dt>
            <dd>{formatDateTime(result.publishedAt, lang)}</dd>
          </dl>
          <h3>{m.feedbackTitle}</h3>
          {result.feedback.length ? (
            <ul className="feedback-list">
              {result.feedback.map((text, index) => (
                <li key={index}>{text}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">{m.noFeedback}</p>
          )}
        </>
      ) : null}
    </section>
  );
}

/** The steering committee's organisations the practice was made with (their jurors are then in conflict), as checkboxes. */
function PartnerOrganisations({
  value,
  onValue,
  readOnly,
  error,
  legend,
}: {
  value: string;
  onValue: (value: string) => void;
  readOnly: boolean;
  error?: string;
  legend: string;
}) {
  const { lang } = useI18n();
  const organisations = useQuery(organisationsQuery());
  const chosen = new Set(value.split(',').filter(Boolean));
  const toggle = (code: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(code);
    else next.delete(code);
    onValue([...next].sort().join(','));
  };
  return (
    <fieldset id={fieldId('partnerOrganisations')} className="partner-organisations" tabIndex={-1}>
      <legend>{legend}</legend>
      {organisations.data ? (
        organisations.data.map((organisation) => (
          <label key={organisation.code} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.has(organisation.code)}
              disabled={readOnly}
              onChange={(event) => toggle(organisation.code, event.target.checked)}
            />{' '}
            {lang === 'en' ? organisation.nameEn : organisation.nameHu} ({organisation.code})
          </label>
        ))
      ) : (
        <QueryStatus query={organisations} />
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
