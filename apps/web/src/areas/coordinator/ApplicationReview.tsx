import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { unwrap } from '../../api/client';
import { applicationsControllerFormalCheck } from '../../api/generated/sdk.gen';
import type {
  ApplicationResponse,
  ApplicationsControllerDownloadData,
  ApplicationsControllerReceiptData,
  CallDetailResponse,
} from '../../api/generated/types.gen';
import { callQuery } from '../../api/queries';
import { apiUrl } from '../../api/urls';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDate, formatDateTime, formatNumber, type Lang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, TextAreaField } from './fields';
import { useCoordinatorMessages } from './messages';
import { applicationQuery } from './queries';
import { Notice } from './Shell';
import { FORM_FIELD_ORDER, fieldValueText } from '../../components/applicationFields';
import { PageHeading } from '../../components/PageHeading';

const CONTACT_FIELDS = ['name', 'position', 'email', 'phone'] as const;

function answerText(question: CallDetailResponse['questions'][number], value: unknown, lang: Lang): string {
  if (value === undefined || value === null || value === '') return '';
  if (question.kind === 'single_choice') {
    const choice = question.choices?.find((c) => c.value === value);
    if (choice) return lang === 'en' ? choice.en : choice.hu;
  }
  if (question.kind === 'number' && typeof value === 'number') return formatNumber(value, lang);
  if (question.kind === 'date' && typeof value === 'string') return formatDate(value, lang);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/**
 * One application as a coordinator checks it: what was submitted (the call's form and its own
 * questions, labelled), its attachments and submissions with their receipts, and the formal
 * check beside it. The application and its call are asked together.
 */
export function ApplicationReview() {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const params = useParams();
  const callId = params.id ?? '';
  const applicationId = params.applicationId ?? '';
  const application = useQuery(applicationQuery(applicationId));
  const call = useQuery(callQuery(callId));
  const a = application.data;
  const en = lang === 'en';

  return (
    <>
      <p>
        <Link to={`/koordinator/felhivasok/${callId}/palyazatok`}>{m.backToApplications}</Link>
      </p>
      <PageHeading>{a ? a.title || m.application : m.application}</PageHeading>
      <QueryStatus query={application} />
      <QueryStatus query={call} />
      {a ? (
        <>
          <p className="muted">
            {m.themeAndMunicipality(a.municipality.name, en ? a.theme.titleEn : a.theme.titleHu)}
            <br />
            {m.status}: <strong>{m.applicationStatuses[a.status]}</strong>
            {a.submittedAt ? (
              <>
                {' '}
                · {m.submittedAt}: <time dateTime={a.submittedAt}>{formatDateTime(a.submittedAt, lang)}</time>
              </>
            ) : null}
          </p>
          <FormalCheck application={a} />
          <div className="columns">
            <Content application={a} call={call.data} />
            <div>
              <Attachments application={a} />
              <Submissions application={a} />
            </div>
          </div>
        </>
      ) : null}
    </>
  );
}

function Content({ application, call }: { application: ApplicationResponse; call: CallDetailResponse | undefined }) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const content = application.content as Record<string, unknown>;
  const contact = (content.contact ?? {}) as Record<string, unknown>;
  const answers = (content.answers ?? {}) as Record<string, unknown>;
  const rows: Array<[string, string, string]> = [
    ...FORM_FIELD_ORDER.map((key): [string, string, string] => [
      key,
      m.contentFields[key] ?? key,
      fieldValueText(key, content[key], lang),
    ]),
    ...CONTACT_FIELDS.map((key): [string, string, string] => [
      `contact.${key}`,
      m.contentFields[`contact.${key}`] ?? key,
      fieldValueText(key, contact[key], lang),
    ]),
  ];
  return (
    <section aria-labelledby="application-content">
      <h2 id="application-content">{m.applicationContent}</h2>
      {application.status !== 'submitted' ? <p className="alert">{m.draftContentNote}</p> : null}
      <dl className="application-fields" data-testid="application-content">
        {rows.map(([key, label, text]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd className={text ? 'prewrap' : 'muted'}>{text || m.notGiven}</dd>
          </div>
        ))}
      </dl>
      {call && call.questions.length > 0 ? (
        <>
          <h3>{m.furtherQuestions}</h3>
          <dl className="application-fields" data-testid="application-answers">
            {call.questions.map((question) => {
              const text = answerText(question, answers[question.id], lang);
              return (
                <div key={question.id}>
                  <dt>{lang === 'en' ? question.labelEn : question.labelHu}</dt>
                  <dd className={text ? 'prewrap' : 'muted'}>{text || m.notGiven}</dd>
                </div>
              );
            })}
          </dl>
        </>
      ) : null}
    </section>
  );
}

function Attachments({ application }: { application: ApplicationResponse }) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  return (
    <section aria-labelledby="application-attachments">
      <h2 id="application-attachments">{m.attachments}</h2>
      {application.attachments.length === 0 ? <p className="muted">{m.noAttachments}</p> : null}
      <ul>
        {application.attachments.map((file) => (
          <li key={file.id}>
            <a
              href={apiUrl<ApplicationsControllerDownloadData>('/api/applications/{id}/attachments/{attachmentId}', {
                path: { id: application.id, attachmentId: file.id },
              })}
              download
            >
              {file.displayName}
            </a>{' '}
            <span className="muted">
              ({m.fileSize(formatNumber(Math.max(1, Math.round(file.sizeBytes / 1024)), lang))})
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Submissions({ application }: { application: ApplicationResponse }) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  return (
    <section aria-labelledby="application-submissions">
      <h2 id="application-submissions">{m.submissions}</h2>
      {application.submissions.length === 0 ? <p className="muted">{m.noSubmissions}</p> : null}
      <ul>
        {[...application.submissions]
          .sort((x, y) => y.number - x.number)
          .map((submission) => (
            <li key={submission.number} data-testid="submission">
              <strong>{m.submissionNumber(submission.number)}</strong>, {m.receivedAt}{' '}
              <time dateTime={submission.receivedAt}>{formatDateTime(submission.receivedAt, lang)}</time>
              <br />
              <a
                href={apiUrl<ApplicationsControllerReceiptData>('/api/applications/{id}/submissions/{number}/receipt', {
                  path: { id: application.id, number: submission.number },
                })}
                download
              >
                {m.receipt}
              </a>
              <br />
              <span className="muted">
                {m.fingerprint}: <code>{submission.sha256.slice(0, 16)}…</code>
              </span>
            </li>
          ))}
      </ul>
    </section>
  );
}

/** The formal check of a submitted application: eligible, or ineligible with a reason; changeable until scoring starts. */
function FormalCheck({ application }: { application: ApplicationResponse }) {
  const { lang } = useI18n();
  const m = useCoordinatorMessages();
  const queryClient = useQueryClient();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState(application.formalCheck?.reason ?? '');
  const [saved, setSaved] = useState(false);
  const check = useMutation({
    mutationFn: (result: 'eligible' | 'ineligible') =>
      unwrap(
        applicationsControllerFormalCheck({
          path: { id: application.id },
          body: result === 'ineligible' ? { result, reason: reason.trim() } : { result },
        }),
      ),
    onSuccess: async (updated) => {
      queryClient.setQueryData(applicationQuery(application.id).queryKey, updated);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['coordinator', 'applications'] }),
        queryClient.invalidateQueries({ queryKey: ['coordinator', 'current-calls'] }),
      ]);
      setRefusing(false);
      setSaved(true);
    },
  });
  const state = application.formalCheck?.result ?? 'pending';

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    check.mutate('ineligible');
  }

  return (
    <section aria-labelledby="formal-check" className="card">
      <h2 id="formal-check">{m.formalCheck}</h2>
      <p data-testid="formal-check-state">
        <strong>{m.formalChecks[state]}</strong>
        {application.formalCheck?.reason ? ` · ${application.formalCheck.reason}` : ''}
        {application.formalCheck?.checkedAt ? (
          <span className="muted">
            {' '}
            ({m.checkedAt}:{' '}
            <time dateTime={application.formalCheck.checkedAt}>
              {formatDateTime(application.formalCheck.checkedAt, lang)}
            </time>
            )
          </span>
        ) : null}
      </p>
      {saved ? <Notice>{m.formalCheckSaved(application.title)}</Notice> : null}
      <ErrorAlert error={check.error} />
      {application.status !== 'submitted' ? (
        <p className="muted">{m.formalCheckOnlySubmitted}</p>
      ) : refusing ? (
        <form onSubmit={submit} className="form">
          <TextAreaField
            id="ineligible-reason"
            label={m.ineligibleReason}
            required
            value={reason}
            onValue={setReason}
          />
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
          <button
            type="button"
            onClick={() => {
              setSaved(false);
              check.mutate('eligible');
            }}
            disabled={check.isPending}
          >
            {m.markEligible}
          </button>
          <button type="button" onClick={() => setRefusing(true)}>
            {m.markIneligible}
          </button>
        </div>
      )}
    </section>
  );
}
