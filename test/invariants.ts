/**
 * What must never be in the database, whatever the api was asked: each check is a query that returns the offending
 * rows (none when the invariant holds). test/e2e/zz-invariants.e2e-spec.ts runs them over the run's database after
 * every other e2e suite (test/setup/sequencer.mjs puts it last), and first proves that each one can fail.
 *
 * Times are compared as the services write them: from the injected Clock (received_at, score.updated_at,
 * closed_at, conflict created_at), so tests with a fixed clock are judged by that clock.
 */
export interface Invariant {
  name: string;
  sql: string;
}

export const INVARIANTS: Invariant[] = [
  {
    // a coordinator's conflict always excludes; a juror's own declaration excludes while the round is open (after
    // the close, only a coordinator changes a closed ranking: README, "Conflicts of interest")
    name: 'a counted score by a conflicted juror',
    sql: `SELECT x.id AS assignment_id, c.id AS conflict_id
            FROM assignment x
            JOIN scoring_round r ON r.id = x.round_id
            JOIN conflict_of_interest c ON c.jury_member_id = x.jury_member_id AND c.application_id = x.application_id
           WHERE x.excluded_at IS NULL
             AND EXISTS (SELECT 1 FROM score s WHERE s.assignment_id = x.id)
             AND (c.source = 'coordinator' OR r.closed_at IS NULL OR c.created_at < r.closed_at)`,
  },
  {
    // the closing instant itself is late; a round closed early ends at closed_at (a save at that very instant
    // of a frozen test clock is ordered by the round's gate, which the close-race test checks)
    name: 'a score saved after its round closed',
    sql: `SELECT s.assignment_id, s.criterion_id, s.updated_at, r.closes_at, r.closed_at
            FROM score s
            JOIN assignment x ON x.id = s.assignment_id
            JOIN scoring_round r ON r.id = x.round_id
           WHERE s.updated_at >= r.closes_at OR s.updated_at > r.closed_at`,
  },
  {
    // in time: before the call's deadline, or before the municipality's extension (not revoked then), or, for a
    // resubmission after a reopening, before the correction deadline (none: the call's deadline rules)
    name: 'a submission after its deadline',
    sql: `SELECT s.id, s.application_id, s.number, s.received_at
            FROM application_submission s
            JOIN application a ON a.id = s.application_id
            JOIN call c ON c.id = a.call_id
           WHERE s.received_at >= c.submission_closes_at
             AND NOT EXISTS (
                   SELECT 1 FROM deadline_extension e
                    WHERE e.call_id = c.id AND e.municipality_ksh = a.municipality_ksh
                      AND s.received_at < e.closes_at
                      AND (e.revoked_at IS NULL OR e.revoked_at > s.received_at))
             AND NOT (s.number > 1 AND a.correction_closes_at IS NOT NULL AND s.received_at < a.correction_closes_at)`,
  },
  {
    // one submission, and one more per reopening or withdrawal recorded before it
    name: 'two submissions of one application',
    sql: `SELECT s.application_id, count(*) AS submissions
            FROM application_submission s
           GROUP BY s.application_id
          HAVING count(*) > 1 + (SELECT count(*) FROM audit_log l
                                  WHERE l.target_type = 'application' AND l.target_id = s.application_id::text
                                    AND l.action IN ('application.reopened', 'application.withdrawn'))`,
  },
  {
    name: 'a state change without an audit row',
    sql: `SELECT 'submission' AS kind, s.application_id::text AS id
            FROM application_submission s
           GROUP BY s.application_id
          HAVING count(*) > (SELECT count(*) FROM audit_log l WHERE l.action = 'application.submitted'
                               AND l.target_type = 'application' AND l.target_id = s.application_id::text)
          UNION ALL
          SELECT 'membership', m.id::text FROM membership m
           WHERE m.status <> 'pending'
             AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.target_type = 'membership'
                               AND l.target_id = m.id::text AND l.action = 'membership.' || m.status)
          UNION ALL
          SELECT 'round closed', r.id::text FROM scoring_round r
           WHERE r.closed_at IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.target_type = 'scoring_round'
                               AND l.target_id = r.id::text AND l.action = 'round.closed')
          UNION ALL
          SELECT 'theme decided', d.call_id::text || '/' || d.theme_id::text FROM theme_decision d
           WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.target_type = 'call' AND l.target_id = d.call_id::text
                               AND l.action IN ('results.theme_decided', 'results.theme_corrected'))
          UNION ALL
          SELECT 'call decided', c.id::text FROM call c
           WHERE c.decided_at IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.target_type = 'call' AND l.target_id = c.id::text
                               AND l.action = 'call.decided')
          UNION ALL
          SELECT 'publication', p.id::text FROM publication p
           WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.target_type = 'publication'
                               AND l.target_id = p.id::text AND l.action = 'results.publication_requested')`,
  },
  {
    name: 'a publication without its snapshot',
    sql: `SELECT p.id, p.status FROM publication p
           WHERE p.status = 'completed'
             AND (p.snapshot IS NULL OR p.sha256 IS NULL OR p.completed_at IS NULL)`,
  },
];
