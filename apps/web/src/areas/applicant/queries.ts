// The applicant area's queries over the generated client.
import { queryOptions } from '@tanstack/react-query';
import { unwrap } from '../../api/client';
import {
  applicationsControllerGet,
  applicationsControllerList,
  municipalitiesControllerSearch,
  publicResultsControllerMunicipalityAwards,
} from '../../api/generated/sdk.gen';
import type { ApplicationResponse } from '../../api/generated/types.gen';
import type { Lang } from '../../i18n/format';

/** The signed-in user's municipalities' applications (one page of 100 holds them all); keyed by the user. */
export const myApplicationsQuery = (userId: string) =>
  queryOptions({
    queryKey: ['my-applications', userId],
    queryFn: () => unwrap(applicationsControllerList({ query: { pageSize: 100 } })),
  });

export const applicationQuery = (id: string) =>
  queryOptions({
    queryKey: ['application', id],
    queryFn: () => unwrap(applicationsControllerGet({ path: { id } })),
    staleTime: 0,
  });

/** The register, searched by name (accents optional), at most 10 hits. */
export const municipalitySearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['municipalities', q],
    queryFn: () => unwrap(municipalitiesControllerSearch({ query: { q, pageSize: 10 } })),
    staleTime: 5 * 60_000,
  });

/** A municipality's awards in the published calls (the public outcome; the rest is not public). */
export const municipalityAwardsQuery = (ksh: string, lang: Lang) =>
  queryOptions({
    queryKey: ['municipality-awards', ksh, lang],
    queryFn: () => unwrap(publicResultsControllerMunicipalityAwards({ path: { ksh } })),
  });

export type Application = ApplicationResponse;
