import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import type { MunicipalityAwardResponse } from '../api/generated/types.gen';
import { municipalityAwardsQuery } from '../api/queries';
import { QueryStatus } from '../components/QueryStatus';
import { useI18n } from '../i18n/i18n';
import { usePageTitle } from '../components/usePageTitle';

interface YearOfAwards {
  year: number;
  call: string;
  awards: MunicipalityAwardResponse[];
}

/** The awards grouped by year, in the api's order (newest call first). */
function byYear(awards: MunicipalityAwardResponse[]): YearOfAwards[] {
  const years: YearOfAwards[] = [];
  for (const award of awards) {
    const last = years.at(-1);
    if (last && last.year === award.year) last.awards.push(award);
    else years.push({ year: award.year, call: award.call, awards: [award] });
  }
  return years;
}

/** A municipality's public page: its name, county and its awards in every published call. */
export function Municipality() {
  const { lang, t } = useI18n();
  const ksh = useParams().ksh ?? '';
  const valid = /^[0-9]{5}$/.test(ksh);
  const query = useQuery({ ...municipalityAwardsQuery(ksh, lang), enabled: valid });
  const unknown =
    !valid || (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400));
  const data = query.data;
  usePageTitle(data ? t.municipalityAwardsTitle(data.municipality.name) : t.resultsTitle);

  return (
    <>
      {data ? (
        <>
          <h1>{t.municipalityAwardsTitle(data.municipality.name)}</h1>
          <p className="muted" data-testid="municipality-facts">
            {data.municipality.county === 'Budapest'
              ? t.budapestFacts(data.municipality.legalStatus)
              : t.municipalityFacts(data.municipality.county, data.municipality.legalStatus)}
          </p>
          {data.awards.length === 0 ? (
            <p className="card" data-testid="no-awards">
              {t.noAwards}
            </p>
          ) : (
            byYear(data.awards).map((year) => (
              <section key={year.year} aria-labelledby={`year-${year.year}`} className="card">
                <h2 id={`year-${year.year}`}>
                  <Link to={`/eredmenyek/${year.year}`}>{t.resultsOfYear(year.year)}</Link>
                </h2>
                <p className="muted">{year.call}</p>
                <ul className="plain-list">
                  {year.awards.map((award) => (
                    <li key={award.applicationId} data-testid="municipality-award" className="award">
                      <p className="eyebrow">{award.level}</p>
                      <h3>{award.title}</h3>
                      <p>
                        {t.theme}: {award.theme}
                      </p>
                      <p className="prewrap">{award.summary}</p>
                    </li>
                  ))}
                </ul>
              </section>
            ))
          )}
        </>
      ) : (
        <h1>{t.resultsTitle}</h1>
      )}
      {unknown ? <p>{t.unknownMunicipality}</p> : <QueryStatus query={query} />}
      <p>
        <Link to="/eredmenyek">{t.resultsTitle}</Link>
      </p>
    </>
  );
}
