export const CALL_STATUSES = ['draft', 'open', 'closed', 'scoring', 'decided', 'published'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/** The columns the status is derived from. */
export interface CallTimeline {
  announcedAt: Date | null;
  submissionOpensAt: Date;
  submissionClosesAt: Date;
  scoringStartedAt: Date | null;
  decidedAt: Date | null;
  resultsPublishedAt: Date | null;
}

/**
 * The status of a call at `now` (from the injected Clock, never `new Date()`):
 *
 * - `draft`: not announced (announced_at is null), seen only by coordinators and admins;
 * - `open`: announced and now < submission_closes_at (submissions are accepted only from
 *   submission_opens_at on: see {@link isAcceptingSubmissions});
 * - `closed`: now ≥ submission_closes_at and scoring not started;
 * - `scoring`: scoring_started_at set; `decided`: decided_at set; `published`:
 *   results_published_at set (the later step wins).
 *
 * **The closing instant itself is not open** (the interval is half-open, [opens, closes)):
 * a request received at exactly submission_closes_at is late. So a deadline entered as
 * 23:59 Budapest time accepts 23:58:59.999 and refuses 23:59:00.000.
 */
export function callStatus(call: CallTimeline, now: Date): CallStatus {
  if (!call.announcedAt) return 'draft';
  if (call.resultsPublishedAt) return 'published';
  if (call.decidedAt) return 'decided';
  if (call.scoringStartedAt) return 'scoring';
  return now.getTime() < call.submissionClosesAt.getTime() ? 'open' : 'closed';
}

/** Whether a submission received at `now` is in time: announced, and opens_at ≤ now < closes_at. */
export function isAcceptingSubmissions(call: CallTimeline, now: Date): boolean {
  return (
    callStatus(call, now) === 'open' &&
    call.submissionOpensAt.getTime() <= now.getTime() &&
    now.getTime() < call.submissionClosesAt.getTime()
  );
}

/** The same rule in SQL, for filtering lists by status (`$now` is the clock's instant; alias `c`). */
export function callStatusSql(alias: string, nowParam: string): string {
  return `CASE
    WHEN ${alias}.announced_at IS NULL THEN 'draft'
    WHEN ${alias}.results_published_at IS NOT NULL THEN 'published'
    WHEN ${alias}.decided_at IS NOT NULL THEN 'decided'
    WHEN ${alias}.scoring_started_at IS NOT NULL THEN 'scoring'
    WHEN ${nowParam} < ${alias}.submission_closes_at THEN 'open'
    ELSE 'closed' END`;
}
