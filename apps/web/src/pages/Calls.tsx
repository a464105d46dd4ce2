import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { callsQuery } from '../api/queries';
import { QueryStatus } from '../components/QueryStatus';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { usePageTitle } from '../components/usePageTitle';

export function Calls() {
  const { lang, t } = useI18n();
  const calls = useQuery(callsQuery());
  usePageTitle(t.callsTitle);
  const en = lang === 'en';

  return (
    <>
      <h1>{t.callsTitle}</h1>
      <QueryStatus query={calls} />
      {calls.data?.items.length === 0 ? <p>{t.noCalls}</p> : null}
      <ul className="card-list">
        {calls.data?.items.map((call) => (
          <li key={call.id} className="card">
            <h2>
              {call.year} · {en ? call.titleEn : call.titleHu}
            </h2>
            <p>
              {t.status}: <strong>{t.statuses[call.status]}</strong>
            </p>
            <p>
              {t.deadline}:{' '}
              <time dateTime={call.submissionClosesAt}>{formatDateTime(call.submissionClosesAt, lang)}</time>
            </p>
            {call.status === 'published' ? (
              <p>
                <Link to={`/eredmenyek/${call.year}`}>{t.resultsOfYear(call.year)}</Link>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
