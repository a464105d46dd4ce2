import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type {
  CallApplicationsControllerExportCsvData,
  CallResultsControllerRankingCsvData,
  CallResultsControllerScoresCsvData,
} from '../../api/generated/types.gen';
import { callQuery } from '../../api/queries';
import { apiUrl } from '../../api/urls';
import { QueryStatus } from '../../components/QueryStatus';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { BarChart } from './BarChart';
import { useCallEditMessages } from './editMessages';
import { useCoordinatorMessages } from './messages';
import { statisticsQuery } from './queries';
import { PageHeading } from '../../components/PageHeading';

/**
 * One call: its work pages, the applications so far (per status, theme and county), its phases
 * in Budapest time, themes, criteria and questions. The call and its numbers are asked together.
 */
export function CoordinatorCallPage() {
  const { lang, t } = useI18n();
  const m = useCoordinatorMessages();
  const e = useCallEditMessages();
  const id = useParams().id ?? '';
  const call = useQuery(callQuery(id));
  const statistics = useQuery(statisticsQuery(id));
  const en = lang === 'en';
  const c = call.data;

  if (!c) {
    return (
      <>
        <PageHeading>{m.callsTitle}</PageHeading>
        <QueryStatus query={call} />
      </>
    );
  }
  const phases: Array<[string, string | null]> = [
    [m.announcedAt, c.announcedAt],
    [m.opensAt, c.submissionOpensAt],
    [m.closesAt, c.submissionClosesAt],
    [m.scoringClosesAt, c.scoringClosesAt],
    [m.resultsAt, c.resultsAt],
  ];

  return (
    <>
      <p className="eyebrow">
        {c.year} · {t.statuses[c.status]}
      </p>
      <PageHeading>{en ? c.titleEn : c.titleHu}</PageHeading>
      <ul className="actions plain-list">
        <li>
          <Link to={`/koordinator/felhivasok/${c.id}/szerkesztes`}>{e.edit}</Link>
        </li>
        <li>
          <Link to={`/koordinator/felhivasok/${c.id}/palyazatok`}>{m.applications}</Link>
        </li>
        <li>
          <Link to={`/koordinator/felhivasok/${c.id}/hataridok`}>{m.extensions}</Link>
        </li>
        <li>
          <Link to={`/koordinator/felhivasok/${c.id}/zsuri`}>{m.jury}</Link>
        </li>
        <li>
          <Link to={`/koordinator/felhivasok/${c.id}/fordulok`}>{m.rounds}</Link>
        </li>
        <li>
          <Link to={`/koordinator/felhivasok/${c.id}/rangsor`}>{m.ranking}</Link>
        </li>
        <li>
          <Link to={`/koordinator/felhivasok/${c.id}/kihirdetes`}>{m.publishing}</Link>
        </li>
      </ul>
      <section className="card" aria-labelledby="call-dashboard">
        <h2 id="call-dashboard">{m.callDashboard}</h2>
        <QueryStatus query={statistics} />
        {statistics.data ? (
          <div className="columns">
            <BarChart
              title={m.applicationsPerStatus}
              rows={statistics.data.byStatus.map((row) => ({
                key: row.status,
                label: m.applicationStatuses[row.status],
                value: row.count,
              }))}
              format={(value) => formatNumber(value, lang)}
            />
            <BarChart
              title={m.submissionsPerTheme}
              rows={statistics.data.byTheme.map((theme) => ({
                key: theme.themeId,
                label: en ? theme.titleEn : theme.titleHu,
                value: theme.submitted,
              }))}
              format={(value) => formatNumber(value, lang)}
            />
            <BarChart
              title={m.submissionsPerCounty}
              rows={statistics.data.byCounty.map((county) => ({
                key: county.county,
                label: county.county,
                value: county.submitted,
              }))}
              format={(value) => formatNumber(value, lang)}
            />
          </div>
        ) : null}
      </section>
      <section className="card" aria-labelledby="exports">
        <h2 id="exports">{m.exports}</h2>
        <ul className="actions plain-list">
          <li>
            <a
              href={apiUrl<CallApplicationsControllerExportCsvData>('/api/calls/{callId}/applications.csv', {
                path: { callId: c.id },
              })}
              download
            >
              {m.exportCsv}
            </a>
          </li>
          <li>
            <a
              href={apiUrl<CallResultsControllerRankingCsvData>('/api/calls/{callId}/ranking.csv', {
                path: { callId: c.id },
              })}
              download
            >
              {m.exportRanking}
            </a>
          </li>
          <li>
            <a
              href={apiUrl<CallResultsControllerScoresCsvData>('/api/calls/{callId}/scores.csv', {
                path: { callId: c.id },
              })}
              download
            >
              {m.exportScores}
            </a>
          </li>
        </ul>
      </section>
      <section className="card" aria-labelledby="phases">
        <h2 id="phases">{m.phases}</h2>
        <dl className="progress-list">
          {phases.map(([label, instant]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{instant ? <time dateTime={instant}>{formatDateTime(instant, lang)}</time> : m.notAnnounced}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="card" aria-labelledby="themes">
        <h2 id="themes">{m.themes}</h2>
        <ol>
          {c.themes.map((theme) => (
            <li key={theme.id}>
              <strong>{en ? theme.titleEn : theme.titleHu}</strong>
              <p className="prewrap">{en ? theme.descriptionEn : theme.descriptionHu}</p>
            </li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="criteria">
        <h2 id="criteria">{m.criteria}</h2>
        <ol>
          {c.criteria.map((criterion) => (
            <li key={criterion.id}>
              <strong>{en ? criterion.nameEn : criterion.nameHu}</strong>{' '}
              <span className="muted">({m.weightPoints(criterion.weight, criterion.maxPoints)})</span>
              {criterion.guidanceHu ? (
                <p className="prewrap">{en ? criterion.guidanceEn : criterion.guidanceHu}</p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="questions">
        <h2 id="questions">{m.questions}</h2>
        <ol>
          {c.questions.map((question) => (
            <li key={question.id}>
              {en ? question.labelEn : question.labelHu}{' '}
              <span className="muted">
                ({m.questionKinds[question.kind]}
                {question.required ? `, ${m.required}` : ''})
              </span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
