// The applicant area's queries over the generated client.
import { queryOptions } from '@tanstack/react-query';
import { ApiError, unwrap } from '../../api/client';
import {
  applicationsControllerGet,
  applicationsControllerOutcome,
  municipalitiesControllerSearch,
  myApplicationsControllerList,
  organisationsControllerList,
} from '../../api/generated/sdk.gen';
import type { ApplicationOutcomeResponse, ApplicationResponse } from '../../api/generated/types.gen';
import type { Lang } from '../../i18n/format';

/**
 * The applicant's page in one request: their approved municipalities' applications with the
 * call, status and published outcome (level names in `lang`), and the open calls with their
 * themes. Keyed by the user; fresh on every visit (an approval or a submission may have come since).
 */
export const myApplicationsQuery = (userId: string, lang: Lang) =>
  queryOptions({
    queryKey: ['my-applications', userId, lang],
    queryFn: () => unwrap(myApplicationsControllerList()),
    staleTime: 0,
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
