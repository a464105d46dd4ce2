import type { AssignedApplicationResponse } from '../../api/generated/types.gen';
import { formatDate, formatDateTime, formatHuf, formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useJuryMessages } from './messages';

/** The standard form fields in the order the form asks them; anything else follows. */
const FIELD_ORDER = [
  'summary',
  'problem',
  'practice',
  'results',
  'costHuf',
  'funding',
  'partners',
  'partnerOrganisations',
  'communityParticipation',
  'sustainability',
  'adoption',
  'startDate',
];

function text(value: unknown): string {
  if (value == null) return '';
  if (Array.isArray(value)) return value.map(text).join(', ');
  if (typeof value === 'object') {
    return Object.values(value as Record<string, unknown>)
      .map(text)
      .filter(Boolean)
      .join(', ');
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
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
    ...FIELD_ORDER.filter((key) => key in content),
    ...Object.keys(content).filter((key) => !FIELD_ORDER.includes(key) && key !== 'title' && key !== 'answers'),
  ];
  const answers = Object.values((content.answers ?? {}) as Record<string, unknown>);

  function show(key: string, value: unknown): string {
    if (key === 'costHuf' && typeof value === 'number') return formatHuf(value, lang);
    if (key === 'startDate' && typeof value === 'string') return formatDate(value, lang);
    return text(value);
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
        {answers.map((value, index) => (
          <div key={`answer-${index}`}>
            <dt>{m.answer(index + 1)}</dt>
            <dd className="prewrap">{text(value)}</dd>
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
              <a href={`/api/assignments/${assignmentId}/attachments/${file.id}`} download>
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
