import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { CallDetailResponse } from '../../api/generated/types.gen';
import { QueryStatus } from '../../components/QueryStatus';
import { useI18n } from '../../i18n/i18n';
import { PageHeading } from '../../components/PageHeading';

/** A call's work page heading: the page's <h1>, then a link back to the call. */
export function CallHeading({
  call,
  title,
  fallback,
}: {
  call: UseQueryResult<CallDetailResponse>;
  title: (year: number) => string;
  fallback: string;
}) {
  const { lang } = useI18n();
  return (
    <>
      <PageHeading>{call.data ? title(call.data.year) : fallback}</PageHeading>
      <QueryStatus query={call} />
      {call.data ? (
        <p>
          <Link to={`/koordinator/felhivasok/${call.data.id}`}>
            {lang === 'en' ? call.data.titleEn : call.data.titleHu}
          </Link>
        </p>
      ) : null}
    </>
  );
}
