import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import type { PublicResultsControllerPdfData } from '../api/generated/types.gen';
import { callsQuery, publicResultsQuery } from '../api/queries';
import { apiUrl, withLang } from '../api/urls';
import { QueryStatus } from '../components/QueryStatus';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { usePageTitle } from '../components/usePageTitle';

/** The years with published results. */
export function ResultsIndex() {
  const { lang, t } = useI18n();
  const calls = useQuery(callsQuery('published'));
  usePageTitle(t.resultsTitle);

  return (
    <>
      <h1>{t.resultsTitle}</h1>
      <QueryStatus query={calls} />
      {calls.data?.items.length === 0 ? <p>{t.noResults}</p> : null}
      <ul className="card-list">
        {calls.data?.items.map((call) => (
          <li key={call.id} className="card">
            <h2>
              <Link to={`/eredmenyek/${call.year}`}>{t.resultsOfYear(call.year)}</Link>
            </h2>
            <p>{lang === 'en' ? call.titleEn : call.titleHu}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

/** One year's published winner list, per theme. */
export function ResultsOfYear() {
  const { lang, t } = useI18n();
  const year = Number(useParams().year);
  const valid = Number.isInteger(year) && year >= 2000 && year <= 2999;
  const results = useQuery({ ...publicResultsQuery(year, lang), enabled: valid });
  const missing = !valid || (results.error instanceof ApiError && results.error.status === 404);
  usePageTitle(valid ? t.resultsOfYear(year) : t.resultsTitle);

  return (
    <>
      <h1>{valid ? t.resultsOfYear(year) : t.resultsTitle}</h1>
      {missing ? <p>{t.noResultsOfYear}</p> : <QueryStatus query={results} />}
      {results.data ? (
        <>
          <p className="muted">
            {results.data.call.title} · {t.publishedAt}{' '}
            <time dateTime={results.data.publishedAt}>{formatDateTime(results.data.publishedAt, lang)}</time>
          </p>
          <p>
            <a
              href={withLang(
                apiUrl<PublicResultsControllerPdfData>('/api/public/calls/{callId}/results.pdf', {
                  path: { callId: results.data.call.id },
                }),
                lang,
              )}
              download
              data-testid="winner-list-pdf"
            >
              {t.winnerListPdf}
            </a>
          </p>
          {results.data.themes.map((theme) => (
            <section key={theme.id} aria-labelledby={`theme-${theme.id}`} className="card">
              <h2 id={`theme-${theme.id}`}>{theme.title}</h2>
              <ol className="plain-list">
                {theme.awards.map((award) => (
                  <li key={award.applicationId} data-testid="award" className="award">
                    <p className="eyebrow">{award.level}</p>
                    <h3>
                      <Link to={`/onkormanyzat/${award.municipalityKsh}`}>{award.municipality}</Link>{' '}
                      <span className="muted">({award.county})</span>
                    </h3>
                    <p>
                      <strong>{award.title}</strong>
                    </p>
                    <p className="prewrap">{award.summary}</p>
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </>
      ) : null}
      <p>
        <Link to="/eredmenyek">{t.resultsTitle}</Link>
      </p>
    </>
  );
}
