// Query options of the coordinator area over the generated client.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { ApiError, unwrap } from '../../api/client';
import {
  applicationsControllerGet,
  applicationsControllerList,
  auditControllerList,
  callApplicationsControllerStatisticsOf,
  callJuryControllerConflicts,
  callJuryControllerListRounds,
  callJuryControllerMembers,
  callJuryControllerSettings,
  callResultsControllerAwardLevels,
  callResultsControllerDecisionsOf,
  callResultsControllerPublicationsOf,
  callsControllerList,
  deadlineExtensionsControllerList,
  invitationsControllerList,
  mailsControllerCaptured,
  membershipsControllerList,
  municipalitiesControllerSearch,
  organisationsControllerList,
  publicationsControllerCertificates,
  publicationsControllerGet,
  roundsControllerAssignmentsOf,
  roundsControllerJurorProgress,
  roundsControllerRanking,
  roundsControllerSensitivity,
  statisticsControllerCalls,
  usersControllerList,
} from '../../api/generated/sdk.gen';
import type {
  ApplicationsControllerListData,
  AuditControllerListData,
  PublicationResponse,
} from '../../api/generated/types.gen';
import type { Lang } from '../../i18n/format';

export const PAGE_SIZE = 20;

export type ApplicationFilters = NonNullable<ApplicationsControllerListData['query']>;

/** Memberships waiting for a decision, oldest first as the api lists them. */
export const pendingMembershipsQuery = (page: number) =>
  queryOptions({
    queryKey: ['coordinator', 'memberships', 'pending', page],
    queryFn: () => unwrap(membershipsControllerList({ query: { status: 'pending', page, pageSize: PAGE_SIZE } })),
    placeholderData: keepPreviousData,
  });

/** Every call, drafts included (a coordinator sees them). */
export const allCallsQuery = () =>
  queryOptions({
    queryKey: ['coordinator', 'calls'],
    queryFn: () => unwrap(callsControllerList({ query: { pageSize: 100 } })),
  });

export const applicationsQuery = (filters: ApplicationFilters) =>
  queryOptions({
    queryKey: ['coordinator', 'applications', filters],
    queryFn: () => unwrap(applicationsControllerList({ query: { pageSize: PAGE_SIZE, ...filters } })),
    placeholderData: keepPreviousData,
  });

export const publicationsOfCallQuery = (callId: string) =>
  queryOptions({
    queryKey: ['coordinator', 'publications', callId],
    queryFn: () => unwrap(callResultsControllerPublicationsOf({ path: { callId } })),
  });

const running = (publication: PublicationResponse | undefined) =>
  publication !== undefined &&
  (publication.status === 'queued' || publication.status === 'running' || publication.mails.queued > 0);

/** One publication, asked again every second while its job or its mails are under way. */
export const publicationQuery = (id: string) =>
  queryOptions({
    queryKey: ['coordinator', 'publication', id],
    queryFn: () => unwrap(publicationsControllerGet({ path: { id } })),
    refetchInterval: (query) => (running(query.state.data) ? 1000 : false),
    staleTime: 0,
  });

export type AuditFilters = Omit<NonNullable<AuditControllerListData['query']>, 'pageSize'>;

/** A page of the audit log, filtered; the targets are described in `lang`. */
export const auditQuery = (filters: AuditFilters, lang: Lang) =>
  queryOptions({
    queryKey: ['coordinator', 'audit', filters, lang],
    queryFn: () => unwrap(auditControllerList({ query: { pageSize: PAGE_SIZE, ...filters } })),
    placeholderData: keepPreviousData,
    // a filter the api refuses (400 naming the field) is shown at once, not asked again
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 3,
  });

/** The current calls (not published yet) with their key numbers, in one request. */
export const currentCallsQuery = () =>
  queryOptions({
    queryKey: ['coordinator', 'current-calls'],
    queryFn: () => unwrap(statisticsControllerCalls({ query: { pageSize: 100 } })),
  });

/** One application as a coordinator reads it: content, attachments, submissions, formal check. */
export const applicationQuery = (id: string) =>
  queryOptions({
    queryKey: ['coordinator', 'application', id],
    queryFn: () => unwrap(applicationsControllerGet({ path: { id } })),
  });

/** The certificates a publication has rendered, `count` of them so far (texts in `lang`). */
export const certificatesQuery = (publicationId: string, count: number, lang: Lang) =>
  queryOptions({
    queryKey: ['coordinator', 'certificates', publicationId, count, lang],
    queryFn: () => unwrap(publicationsControllerCertificates({ path: { id: publicationId } })),
    enabled: count > 0,
  });

export const capturedMailsQuery = (page: number, to: string) =>
  queryOptions({
    queryKey: ['coordinator', 'mails', page, to],
    queryFn: () => unwrap(mailsControllerCaptured({ query: { page, pageSize: PAGE_SIZE, ...(to ? { to } : {}) } })),
    placeholderData: keepPreviousData,
  });

export const roundsQuery = (callId: string) =>
  queryOptions({
    queryKey: ['coordinator', 'rounds', callId],
    queryFn: () => unwrap(callJuryControllerListRounds({ path: { callId } })),
  });

/** The round's ranking, at most 100 rows (a call's applications of one theme fit). */
export const rankingQuery = (roundId: string, themeId: string | undefined, flagged: boolean) =>
  queryOptions({
    queryKey: ['coordinator', 'ranking', roundId, themeId ?? 'all', flagged],
    queryFn: () =>
      unwrap(
        roundsControllerRanking({
          path: { roundId },
          query: { pageSize: 100, ...(themeId ? { themeId } : {}), ...(flagged ? { flagged: 'true' } : {}) },
        }),
      ),
    placeholderData: keepPreviousData,
  });

export const sensitivityQuery = (roundId: string) =>
  queryOptions({
    queryKey: ['coordinator', 'sensitivity', roundId],
    queryFn: () => unwrap(roundsControllerSensitivity({ path: { roundId } })),
  });

export const jurorProgressQuery = (roundId: string) =>
  queryOptions({
    queryKey: ['coordinator', 'juror-progress', roundId],
    queryFn: () => unwrap(roundsControllerJurorProgress({ path: { roundId }, query: { pageSize: 100 } })),
  });

export const awardLevelsQuery = (callId: string) =>
  queryOptions({
    queryKey: ['coordinator', 'award-levels', callId],
    queryFn: () => unwrap(callResultsControllerAwardLevels({ path: { callId } })),
  });

export const decisionsQuery = (callId: string) =>
  queryOptions({
    queryKey: ['coordinator', 'decisions', callId],
    queryFn: () => unwrap(callResultsControllerDecisionsOf({ path: { callId } })),
  });

/** Submitted applications per theme and per county (every county, zeros included), in one request. */
export const statisticsQuery = (callId: string) =>
  queryOptions({
    queryKey: ['coordinator', 'statistics', callId],
    queryFn: () => unwrap(callApplicationsControllerStatisticsOf({ path: { callId } })),
  });

export const invitationsQuery = (page: number) =>
  queryOptions({
    queryKey: ['coordinator', 'invitations', page],
    queryFn: () => unwrap(invitationsControllerList({ query: { page, pageSize: PAGE_SIZE } })),
    placeholderData: keepPreviousData,
  });

export const organisationsQuery = () =>
  queryOptions({
    queryKey: ['organisations'],
    queryFn: () => unwrap(organisationsControllerList()),
    staleTime: Infinity,
  });

export const extensionsQuery = (callId: string) =>
  queryOptions({
    queryKey: ['coordinator', 'extensions', callId],
    queryFn: () => unwrap(deadlineExtensionsControllerList({ path: { callId } })),
  });

/** The call's seated jurors (a jury fits one page of 100). */
export const juryQuery = (callId: string) =>
  queryOptions({
    queryKey: ['coordinator', 'jury', callId],
    queryFn: () => unwrap(callJuryControllerMembers({ path: { callId }, query: { pageSize: 100 } })),
  });

/** Active accounts with the juror role, the candidates for a seat (first 100). */
export const jurorUsersQuery = () =>
  queryOptions({
    queryKey: ['coordinator', 'juror-users'],
    queryFn: () => unwrap(usersControllerList({ query: { role: 'juror', active: true, pageSize: 100 } })),
  });

export const conflictsQuery = (callId: string, page: number) =>
  queryOptions({
    queryKey: ['coordinator', 'conflicts', callId, page],
    queryFn: () => unwrap(callJuryControllerConflicts({ path: { callId }, query: { page, pageSize: PAGE_SIZE } })),
    placeholderData: keepPreviousData,
  });

/** The call's submitted applications (first 100), to choose from. */
export const submittedApplicationsQuery = (callId: string) =>
  queryOptions({
    queryKey: ['coordinator', 'submitted', callId],
    queryFn: () => unwrap(applicationsControllerList({ query: { callId, status: 'submitted', pageSize: 100 } })),
  });

export const assignmentsQuery = (roundId: string, page: number) =>
  queryOptions({
    queryKey: ['coordinator', 'assignments', roundId, page],
    queryFn: () => unwrap(roundsControllerAssignmentsOf({ path: { roundId }, query: { page, pageSize: PAGE_SIZE } })),
    placeholderData: keepPreviousData,
  });

export const municipalitySearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['coordinator', 'municipalities', q],
    queryFn: () => unwrap(municipalitiesControllerSearch({ query: { q, pageSize: 20 } })),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });

/** The call's jury settings (jurors per application, score step, method, thresholds). */
export const jurySettingsQuery = (callId: string) =>
  queryOptions({
    queryKey: ['coordinator', 'jury-settings', callId],
    queryFn: () => unwrap(callJuryControllerSettings({ path: { callId } })),
  });
