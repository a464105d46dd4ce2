// Query options over the generated client, shared by the pages (keys include the language
// where the api's answer depends on it).
import { queryOptions } from '@tanstack/react-query';
import type { Lang } from '../i18n/format';
import { setSession, unwrap } from './client';
import {
  authControllerMe,
  callsControllerGet,
  callsControllerList,
  publicCallsControllerCurrent,
  publicResultsControllerByYear,
  publicResultsControllerMunicipalityAwards,
} from './generated/sdk.gen';
import type { CallResponse } from './generated/types.gen';

export type CallStatus = CallResponse['status'];

/** Announced calls, newest year first (one page of 100 holds every year of the programme). */
export const callsQuery = (status?: CallStatus) =>
  queryOptions({
    queryKey: ['calls', status ?? 'all'],
    queryFn: () => unwrap(callsControllerList({ query: { pageSize: 100, ...(status ? { status } : {}) } })),
  });

export const callQuery = (id: string) =>
  queryOptions({
    queryKey: ['call', id],
    queryFn: () => unwrap(callsControllerGet({ path: { id } })),
  });

export const publicResultsQuery = (year: number, lang: Lang) =>
  queryOptions({
    queryKey: ['public-results', year, lang],
    queryFn: () => unwrap(publicResultsControllerByYear({ query: { year } })),
    retry: false,
  });

/** The call accepting submissions now, with its themes, criteria and phases; 404 CALL_NONE_OPEN when none. */
export const currentCallQuery = () =>
  queryOptions({
    queryKey: ['current-call'],
    queryFn: () => unwrap(publicCallsControllerCurrent()),
    retry: false,
  });

/** A municipality and its awards in the published calls (texts in the language asked for). */
export const municipalityAwardsQuery = (ksh: string, lang: Lang) =>
  queryOptions({
    queryKey: ['municipality-awards', ksh, lang],
    queryFn: () => unwrap(publicResultsControllerMunicipalityAwards({ path: { ksh } })),
    retry: false,
  });

/** The signed-in user, or null when nobody is (401). */
/** The signed-in user (null when nobody is). */
export type Me = NonNullable<Awaited<ReturnType<NonNullable<ReturnType<typeof meQuery>['queryFn']>>>>;

export const meQuery = () =>
  queryOptions({
    queryKey: ['me'],
    queryFn: async () => {
      const result = await authControllerMe();
      if (result.response?.status === 401) {
        setSession(false);
        return null;
      }
      const me = await unwrap(Promise.resolve(result));
      setSession(true);
      return me;
    },
    staleTime: 60_000,
  });
