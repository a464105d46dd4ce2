// The applicant area's queries over the generated client.
import { queryOptions } from '@tanstack/react-query';
import { ApiError, unwrap } from '../../api/client';
import {
  applicationsControllerGet,
  applicationsControllerList,
  applicationsControllerOutcome,
  municipalitiesControllerSearch,
  organisationsControllerList,
} from '../../api/generated/sdk.gen';
import type { ApplicationOutcomeResponse, ApplicationResponse } from '../../api/generated/types.gen';
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

/**
 * The application's published outcome with the jury's feedback; null when the publication does
 * not include it (never submitted, withdrawn) or nothing is published yet (both 404).
 */
export const applicationOutcomeQuery = (id: string, lang: Lang) =>
  queryOptions({
    queryKey: ['application-outcome', id, lang],
    queryFn: async (): Promise<ApplicationOutcomeResponse | null> => {
      try {
        return await unwrap(applicationsControllerOutcome({ path: { id } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });

export type Application = ApplicationResponse;

/** The steering committee's organisations, for the application's partner organisations. */
export const organisationsQuery = () =>
  queryOptions({
    queryKey: ['organisations'],
    queryFn: () => unwrap(organisationsControllerList()),
    staleTime: 60 * 60_000,
  });
