import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { callQuery, callsQuery } from '../api/queries';
import type { CallResponse } from '../api/generated/types.gen';
import { QueryStatus } from '../components/QueryStatus';
import { useNow } from '../components/useNow';
import { formatDateTime, remaining } from '../i18n/format';
import { useI18n } from '../i18n/i18n';

/** The open call; else the newest announced one that has not closed yet. */
function currentCall(calls: CallResponse[]): CallResponse | undefined {
  return calls.find((call) => call.status === 'open') ?? calls.find((call) => call.status === 'draft');
}

function Countdown({ deadline }: { deadline: string }) {
  const { t } = useI18n();
  const now = useNow();
  const left = remaining(deadline, now);
  if (new Date(deadline).getTime() <= now) return <p>{t.deadlinePassed}</p>;
  return (
    <p>
      {t.timeLeft}: <span className="countdown">{t.countdown(left.days, left.hours, left.minutes, left.seconds)}</span>
    </p>
  );
}

export function Home() {
  const { lang, t } = useI18n();
  const calls = useQuery(callsQuery());
  const call = calls.data ? currentCall(calls.data.items) : undefined;
  // the themes and criteria need the call's id: the one request that must follow another
  const detail = useQuery({ ...callQuery(call?.id ?? ''), enabled: Boolean(call) });
  const en = lang === 'en';

  return (
    <>
      <h1>{t.homeTitle}</h1>
      <QueryStatus query={calls} />
      {calls.data && !call ? <p>{t.noOpenCall}</p> : null}
      {call ? (
        <section aria-labelledby="current-call" className="card">
          <p className="eyebrow">{t.currentCall}</p>
          <h2 id="current-call">{en ? call.titleEn : call.titleHu}</h2>
          <p className="prewrap">{en ? call.descriptionEn : call.descriptionHu}</p>
          <div className="deadline-box">
            <p>
              {t.deadline}:{' '}
              <strong data-testid="deadline">
                <time dateTime={call.submissionClosesAt}>{formatDateTime(call.submissionClosesAt, lang)}</time>
              </strong>{' '}
              <span className="muted">{t.budapestTime}</span>
            </p>
            <Countdown deadline={call.submissionClosesAt} />
          </div>
          <QueryStatus query={detail} />
          {detail.data ? (
            <div className="columns">
              <section aria-labelledby="themes">
                <h3 id="themes">{t.themes}</h3>
                <ul className="plain-list">
                  {detail.data.themes.map((theme) => (
                    <li key={theme.id}>
                      <strong>{en ? theme.titleEn : theme.titleHu}</strong>
                      <p className="prewrap">{en ? theme.descriptionEn : theme.descriptionHu}</p>
                    </li>
                  ))}
                </ul>
              </section>
              <section aria-labelledby="criteria">
                <h3 id="criteria">{t.criteria}</h3>
                <ul className="plain-list">
                  {detail.data.criteria.map((criterion) => (
                    <li key={criterion.id}>
                      <strong>{en ? criterion.nameEn : criterion.nameHu}</strong>{' '}
                      <span className="muted">({t.maxPoints(criterion.maxPoints)})</span>
                      <p className="prewrap">{en ? criterion.guidanceEn : criterion.guidanceHu}</p>
                    </li>
                  ))}
                </ul>
              </section>
            </div>
          ) : null}
        </section>
      ) : null}
      <p>
        <Link to="/eredmenyek">{t.seeResults}</Link>
      </p>
    </>
  );
}
