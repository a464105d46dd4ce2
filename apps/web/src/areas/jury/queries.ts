// The jury area's queries over the generated client.
import { queryOptions } from '@tanstack/react-query';
import { ApiError, unwrap } from '../../api/client';
import {
  assignmentsControllerGet,
  jurorControllerAllProgress,
  jurorControllerCalls,
  jurorControllerCandidates,
  jurorControllerDeclaration,
  jurorControllerMine,
} from '../../api/generated/sdk.gen';
import type { Lang } from '../../i18n/format';

/** The calls whose jury the signed-in juror sits on. */
export const jurorCallsQuery = () =>
  queryOptions({ queryKey: ['jury', 'calls'], queryFn: () => unwrap(jurorControllerCalls()) });

/** The declaration's text, in the chosen language (the same for every call; it changes only with a new version). */
export const declarationQuery = (lang: Lang) =>
  queryOptions({
    queryKey: ['jury', 'declaration', lang],
    queryFn: () => unwrap(jurorControllerDeclaration()),
    staleTime: Infinity,
  });

/** The juror's own assignments (every round, newest first; 100 is more than a juror's load). */
export const myAssignmentsQuery = () =>
  queryOptions({
    queryKey: ['jury', 'assignments'],
    queryFn: () => unwrap(jurorControllerMine({ query: { pageSize: 100 } })),
  });

/** The juror's own progress in every round they score, in one request (not one per round). */
export const myRoundsProgressQuery = () =>
  queryOptions({
    queryKey: ['jury', 'progress'],
    queryFn: () => unwrap(jurorControllerAllProgress()),
  });

/** An assignment with the application and the juror's scorecard; 404 (conflict, not theirs) is not retried. */
export const assignmentQuery = (id: string) =>
  queryOptions({
    queryKey: ['jury', 'assignment', id],
    queryFn: () => unwrap(assignmentsControllerGet({ path: { id } })),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    staleTime: 0,
  });

/** Whether the error means the thing is not there for this user (404, or an invalid id). */
export function isUnavailable(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 400);
}

export const CANDIDATES_PAGE_SIZE = 50;

/** The eligible applications in the juror's themes, with conflicts and preferences. */
export const candidatesQuery = (callId: string, page: number) =>
  queryOptions({
    queryKey: ['jury', 'candidates', callId, page],
    queryFn: () =>
      unwrap(jurorControllerCandidates({ path: { callId }, query: { page, pageSize: CANDIDATES_PAGE_SIZE } })),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
