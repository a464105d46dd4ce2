import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, unwrap } from '../../api/client';
import {
  callJuryControllerUpdateSettings,
  callsControllerAnnounce,
  callsControllerStartScoring,
  callsControllerUpdate,
} from '../../api/generated/sdk.gen';
import type { CallDetailResponse, JurySettingsResponse } from '../../api/generated/types.gen';
import { callQuery } from '../../api/queries';
import { Field } from '../../components/Field';
import { QueryStatus } from '../../components/QueryStatus';
import { useI18n } from '../../i18n/i18n';
import { CallContent } from './CallContent';
import { useCallEditMessages } from './editMessages';
import { ErrorAlert, SelectField } from './fields';
import { useCoordinatorMessages } from './messages';
import { jurySettingsQuery } from './queries';
import { PageHeading } from '../../components/PageHeading';

type Phase = 'submissionOpensAt' | 'submissionClosesAt' | 'scoringClosesAt' | 'resultsAt';
const PHASES: Phase[] = ['submissionOpensAt', 'submissionClosesAt', 'scoringClosesAt', 'resultsAt'];

/** "2026-03-31T23:59:00+02:00" to the datetime-local value "2026-03-31T23:59" (Budapest wall time). */
const wallTime = (budapest: string) => budapest.slice(0, 16);

/** The call's edit page: details and phases, announcement and scoring, content, jury settings. */
export function CallEdit() {
  const e = useCallEditMessages();
  const { t } = useI18n();
  const id = useParams().id ?? '';
  const call = useQuery(callQuery(id));
  const [notice, setNotice] = useState('');
  const c = call.data;

  if (!c) {
    return (
      <>
        <PageHeading>{e.edit}</PageHeading>
        <QueryStatus query={call} />
      </>
    );
  }

  return (
    <>
      <p className="eyebrow">
        {c.year} · {t.statuses[c.status]}
      </p>
      <PageHeading>{e.editTitle(c.year)}</PageHeading>
      <p>
        <Link to={`/koordinator/felhivasok/${c.id}`}>{e.backToCall}</Link>
      </p>
      {notice ? (
        <p role="status" className="notice">
          {notice}
        </p>
      ) : null}
      <DetailsForm key={c.version} call={c} onNotice={setNotice} />
      <Steps key={c.updatedAt} call={c} onNotice={setNotice} />
      <CallContent call={c} />
      <JurySettings call={c} />
    </>
  );
}

/** Titles, descriptions and the four phases (Budapest wall time), saved on the call's version. */
function DetailsForm({ call, onNotice }: { call: CallDetailResponse; onNotice: (text: string) => void }) {
  const m = useCoordinatorMessages();
  const e = useCallEditMessages();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    titleHu: call.titleHu,
    titleEn: call.titleEn,
    descriptionHu: call.descriptionHu,
    descriptionEn: call.descriptionEn,
    submissionOpensAt: wallTime(call.submissionOpensAtBudapest),
    submissionClosesAt: wallTime(call.submissionClosesAtBudapest),
    scoringClosesAt: wallTime(call.scoringClosesAtBudapest),
    resultsAt: wallTime(call.resultsAtBudapest),
  });
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const reload = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['call', call.id] }),
      queryClient.invalidateQueries({ queryKey: ['coordinator', 'calls'] }),
    ]);
  const save = useMutation({
    mutationFn: () =>
      unwrap(callsControllerUpdate({ path: { id: call.id }, body: { version: call.version, ...form } })),
    onSuccess: async () => {
      onNotice(e.saved);
      await reload();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409 && error.code === 'STALE_VERSION') {
        await reload();
        onNotice(e.stale);
      }
    },
  });
  const error = save.error instanceof ApiError ? save.error : undefined;
  const fieldError = (field: string) => error?.fields[field];
  const labels: Record<Phase, string> = {
    submissionOpensAt: m.opensAt,
    submissionClosesAt: m.closesAt,
    scoringClosesAt: m.scoringClosesAt,
    resultsAt: m.resultsAt,
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    onNotice('');
    save.mutate();
  }

  const textArea = (key: 'descriptionHu' | 'descriptionEn', label: string) => (
    <div className="field">
      <label htmlFor={`call-${key}`}>{label}</label>
      <textarea
        id={`call-${key}`}
        rows={4}
        value={form[key]}
        aria-invalid={fieldError(key) ? true : undefined}
        aria-describedby={fieldError(key) ? `call-${key}-error` : undefined}
        onChange={(event) => set(key)(event.target.value)}
      />
      {fieldError(key) ? (
        <p id={`call-${key}-error`} className="field-error">
          {fieldError(key)}
        </p>
      ) : null}
    </div>
  );

  return (
    <form className="card" aria-labelledby="details-heading" onSubmit={submit} noValidate>
      <h2 id="details-heading">{e.details}</h2>
      <ErrorAlert error={save.error} />
      <Field
        id="call-titleHu"
        required
        label={m.titleHu}
        value={form.titleHu}
        onValue={set('titleHu')}
        error={fieldError('titleHu')}
      />
      <Field
        id="call-titleEn"
        required
        label={m.titleEn}
        value={form.titleEn}
        onValue={set('titleEn')}
        error={fieldError('titleEn')}
      />
      {textArea('descriptionHu', e.descriptionHu)}
      {textArea('descriptionEn', e.descriptionEn)}
      {PHASES.map((key) => (
        <Field
          key={key}
          id={`call-${key}`}
          type="datetime-local"
          required
          label={`${labels[key]} (${m.budapestTimeHint})`}
          value={form[key]}
          onValue={set(key)}
          error={fieldError(key)}
        />
      ))}
      <button type="submit" className="primary" disabled={save.isPending}>
        {e.save}
      </button>
    </form>
  );
}

/** A step of the call (announce, start scoring) behind a confirmation, with the api's refusal. */
function Step({
  label,
  confirmLabel,
  hint,
  run,
  onDone,
}: {
  label: string;
  confirmLabel: string;
  hint: string;
  run: () => Promise<unknown>;
  onDone: () => Promise<unknown>;
}) {
  const e = useCallEditMessages();
  const [confirming, setConfirming] = useState(false);
  const step = useMutation({
    mutationFn: run,
    onSuccess: async () => {
      setConfirming(false);
      await onDone();
    },
    // the refusal stays shown, the step can be asked again
    onError: () => setConfirming(false),
  });
  return (
    <div className="field">
      <p className="hint">{hint}</p>
      <ErrorAlert error={step.error} />
      <div className="actions">
        {confirming ? (
          <>
            <button type="button" className="primary" onClick={() => step.mutate()} disabled={step.isPending}>
              {confirmLabel}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {e.cancel}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            {label}
          </button>
        )}
      </div>
    </div>
  );
}

/** Announce (a draft) and start scoring (once announced, until started): the api decides when. */
function Steps({ call, onNotice }: { call: CallDetailResponse; onNotice: (text: string) => void }) {
  const e = useCallEditMessages();
  const queryClient = useQueryClient();
  const reload = (text: string) => async () => {
    onNotice(text);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['call', call.id] }),
      queryClient.invalidateQueries({ queryKey: ['coordinator', 'calls'] }),
    ]);
  };
  if (call.scoringStartedAt) return null;
  return (
    <section className="card" aria-labelledby="steps-heading">
      <h2 id="steps-heading">{e.steps}</h2>
      {!call.announcedAt ? (
        <Step
          label={e.announce}
          confirmLabel={e.confirmAnnounce}
          hint={e.announceHint}
          run={() => unwrap(callsControllerAnnounce({ path: { id: call.id }, body: { version: call.version } }))}
          onDone={reload(e.announced)}
        />
      ) : (
        <Step
          label={e.startScoring}
          confirmLabel={e.confirmStartScoring}
          hint={e.startScoringHint}
          run={() => unwrap(callsControllerStartScoring({ path: { id: call.id }, body: { version: call.version } }))}
          onDone={reload(e.scoringStarted)}
        />
      )}
    </section>
  );
}

/** The call's jury settings; the method and the award minimum are read-only once scoring started. */
function JurySettings({ call }: { call: CallDetailResponse }) {
  const e = useCallEditMessages();
  const settings = useQuery(jurySettingsQuery(call.id));
  return (
    <section className="card" aria-labelledby="jury-settings-heading">
      <h2 id="jury-settings-heading">{e.jurySettings}</h2>
      <QueryStatus query={settings} />
      {settings.data ? <JurySettingsForm call={call} settings={settings.data} /> : null}
    </section>
  );
}

function JurySettingsForm({ call, settings }: { call: CallDetailResponse; settings: JurySettingsResponse }) {
  const e = useCallEditMessages();
  const queryClient = useQueryClient();
  const locked = call.scoringStartedAt !== null;
  const [form, setForm] = useState({
    jurorsPerApplication: String(settings.jurorsPerApplication),
    scoreStep: String(settings.scoreStep),
    scoringMethod: settings.scoringMethod,
    minAwardScore: settings.minAwardScore === null ? '' : String(settings.minAwardScore),
    disagreementThreshold: String(settings.disagreementThreshold),
  });
  const [saved, setSaved] = useState(false);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        callJuryControllerUpdateSettings({
          path: { callId: call.id },
          body: {
            jurorsPerApplication: Number(form.jurorsPerApplication),
            scoreStep: form.scoreStep === '0.5' ? 0.5 : 1,
            disagreementThreshold: Number(form.disagreementThreshold),
            ...(locked
              ? {}
              : {
                  scoringMethod: form.scoringMethod,
                  minAwardScore: form.minAwardScore === '' ? null : Number(form.minAwardScore),
                }),
          },
        }),
      ),
    onSuccess: (data) => {
      setSaved(true);
      queryClient.setQueryData(jurySettingsQuery(call.id).queryKey, data);
    },
  });
  const error = save.error instanceof ApiError ? save.error : undefined;
  const fieldError = (field: string) => error?.fields[field];

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="jury-settings-heading">
      {saved ? (
        <p role="status" className="notice">
          {e.settingsSaved}
        </p>
      ) : null}
      <ErrorAlert error={save.error} />
      <Field
        id="jury-jurorsPerApplication"
        type="number"
        inputMode="numeric"
        min={1}
        label={e.jurorsPerApplication}
        value={form.jurorsPerApplication}
        onValue={set('jurorsPerApplication')}
        error={fieldError('jurorsPerApplication')}
      />
      <SelectField
        id="jury-scoreStep"
        label={e.scoreStep}
        value={form.scoreStep}
        onValue={set('scoreStep')}
        options={Object.entries(e.scoreSteps)}
      />
      {fieldError('scoreStep') ? <p className="field-error">{fieldError('scoreStep')}</p> : null}
      {locked ? (
        <dl className="progress-list">
          <div>
            <dt>{e.scoringMethod}</dt>
            <dd>
              {e.scoringMethods[settings.scoringMethod]} <span className="muted">({e.lockedSince})</span>
            </dd>
          </div>
          <div>
            <dt>{e.minAwardScore}</dt>
            <dd>
              {settings.minAwardScore ?? '–'} <span className="muted">({e.lockedSince})</span>
            </dd>
          </div>
        </dl>
      ) : (
        <>
          <SelectField
            id="jury-scoringMethod"
            label={e.scoringMethod}
            value={form.scoringMethod}
            onValue={(value) => setForm((f) => ({ ...f, scoringMethod: value as typeof f.scoringMethod }))}
            options={Object.entries(e.scoringMethods)}
          />
          {fieldError('scoringMethod') ? <p className="field-error">{fieldError('scoringMethod')}</p> : null}
          <Field
            id="jury-minAwardScore"
            type="number"
            inputMode="decimal"
            step="any"
            label={e.minAwardScore}
            value={form.minAwardScore}
            onValue={set('minAwardScore')}
            error={fieldError('minAwardScore')}
          />
        </>
      )}
      <Field
        id="jury-disagreementThreshold"
        type="number"
        inputMode="decimal"
        step="any"
        label={e.disagreementThreshold}
        value={form.disagreementThreshold}
        onValue={set('disagreementThreshold')}
        error={fieldError('disagreementThreshold')}
      />
      <button type="submit" className="primary" disabled={save.isPending}>
        {e.save}
      </button>
    </form>
  );
}
