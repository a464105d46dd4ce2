import type {
  AnsweredQuestionResponse,
  AssignedApplicationResponse,
  AssignmentsControllerDownloadData,
} from '../../api/generated/types.gen';
import { apiUrl } from '../../api/urls';
import { FORM_FIELD_ORDER, fieldValueText } from '../../components/applicationFields';
import { formatDate, formatDateTime, formatNumber, type Lang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useJuryMessages } from './messages';

/** An answer as the juror reads it: a choice by its label, numbers and dates in the chosen language. */
function answerText(answer: AnsweredQuestionResponse, lang: Lang): string {
  const choice = lang === 'en' ? answer.choiceEn : answer.choiceHu;
  if (choice) return choice;
  if (answer.kind === 'number' && typeof answer.value === 'number') return formatNumber(answer.value, lang);
  if (answer.kind === 'date' && typeof answer.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(answer.value)) {
    return formatDate(answer.value, lang);
  }
  return String(answer.value);
}

/** The application as submitted, with links to its attachments (downloaded through the assignment). */
export function ApplicationView({
  assignmentId,
  application,
}: {
  assignmentId: string;
  application: AssignedApplicationResponse;
}) {
  const { lang } = useI18n();
  const m = useJuryMessages();
  const content = application.content as Record<string, unknown>;
  const keys = [
    ...FORM_FIELD_ORDER.filter((key) => key in content),
    ...Object.keys(content).filter(
      (key) => !(FORM_FIELD_ORDER as readonly string[]).includes(key) && key !== 'title' && key !== 'answers',
    ),
  ];

  function show(key: string, value: unknown): string {
    if (key === 'partnerOrganisations') {
      // by name; a code no longer in the register as it was given
      return application.partnerOrganisations.map((o) => (lang === 'en' ? o.nameEn : o.nameHu) ?? o.code).join(', ');
    }
    return fieldValueText(key, value, lang);
  }

  return (
    <section aria-labelledby="application-title" className="scoring-application" tabIndex={0}>
      <h2 id="application-title">{m.submittedApplication}</h2>
      <p className="muted">
        {application.municipalityName} · {m.theme}:{' '}
        {lang === 'en' ? application.themeTitleEn : application.themeTitleHu}
        <br />
        {m.submissionNumber(application.submissionNumber)} · {m.receivedAt}{' '}
        <time dateTime={application.receivedAt}>{formatDateTime(application.receivedAt, lang)}</time>
      </p>
      <dl className="application-fields">
        {keys.map((key) => (
          <div key={key}>
            <dt>{m.fields[key] ?? key}</dt>
            <dd className="prewrap">{show(key, content[key])}</dd>
          </div>
        ))}
        {application.answers.map((answer, index) => (
          <div key={answer.questionId} data-testid="answer">
            <dt>{(lang === 'en' ? answer.labelEn : answer.labelHu) ?? m.answer(index + 1)}</dt>
            <dd className="prewrap">{answerText(answer, lang)}</dd>
          </div>
        ))}
      </dl>
      <h3>{m.attachments}</h3>
      {application.attachments.length === 0 ? (
        <p className="muted">{m.noAttachments}</p>
      ) : (
        <ul>
          {application.attachments.map((file) => (
            <li key={file.id}>
              <a
                href={apiUrl<AssignmentsControllerDownloadData>('/api/assignments/{id}/attachments/{attachmentId}', {
                  path: { id: assignmentId, attachmentId: file.id },
                })}
                download
              >
                {file.displayName}
              </a>{' '}
              <span className="muted">({formatNumber(Math.max(1, Math.round(file.sizeBytes / 1024)), lang)} kB)</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
