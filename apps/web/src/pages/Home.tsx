import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { currentCallQuery } from '../api/queries';
import { QueryStatus } from '../components/QueryStatus';
import { useNow } from '../components/useNow';
import { formatDateTime, formatNumber, remaining } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { usePageTitle } from '../components/usePageTitle';

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
  // one request: the open call with its themes, criteria and phases (404 when none is open)
  const current = useQuery(currentCallQuery());
  usePageTitle(t.homeTitle);
  const none = current.error instanceof ApiError && current.error.status === 404;
  const call = current.data;
  const en = lang === 'en';

  return (
    <>
      <h1>{t.homeTitle}</h1>
      {none ? <p>{t.noOpenCall}</p> : <QueryStatus query={current} />}
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
          <section aria-labelledby="phases">
            <h3 id="phases">{t.phases}</h3>
            <ul className="plain-list" data-testid="phases">
              {call.phases.map((phase) => (
                <li key={phase.phase}>
                  {t.phaseNames[phase.phase]}: <time dateTime={phase.at}>{formatDateTime(phase.at, lang)}</time>
                </li>
              ))}
            </ul>
          </section>
          <div className="columns">
            <section aria-labelledby="themes">
              <h3 id="themes">{t.themes}</h3>
              <ul className="plain-list">
                {call.themes.map((theme) => (
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
                {call.criteria.map((criterion) => (
                  <li key={criterion.id}>
                    <strong>{en ? criterion.nameEn : criterion.nameHu}</strong>{' '}
                    <span className="muted">
                      ({t.maxPoints(criterion.maxPoints)}, {t.weight} {formatNumber(criterion.weight, lang)})
                    </span>
                    <p className="prewrap">{en ? criterion.guidanceEn : criterion.guidanceHu}</p>
                  </li>
                ))}
              </ul>
            </section>
          </div>
        </section>
      ) : null}
      <p>
        <Link to="/eredmenyek">{t.seeResults}</Link>
      </p>
    </>
  );
}
