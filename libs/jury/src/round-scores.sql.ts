/**
 * The one pass over a round's counted scorecards that its ranking rests on ($1: the round's id). Counted: submitted,
 * not excluded, the application still in the round, no automatic conflict (an approved membership of the
 * application's municipality; the juror's organisation among its partners): the rules of the views
 * round_application and jury_conflict, spelt out here so that PostgreSQL evaluates them per application and per
 * scorecard of this round only, not over the whole database. Rows of two kinds:
 *
 * - `total`: per scorecard (key: the jury member), a = sum of weight x points, b = sum of weight x max points, over
 *   the criteria scored (abstentions leave both): the scorecard's own weighted_points and weighted_max, which
 *   triggers on score keep;
 * - `mean`: per application and tie-break criterion (key: the criterion), a = sum of points, b = their count (the
 *   other criteria's means take no part in a ranking, and would cost a pass over every score).
 *
 * Numbers come as text (exact numerics). The benchmark's raw baseline runs this same text.
 */
export const ROUND_SCORES_SQL = `WITH apps AS MATERIALIZED (
         SELECT a.id, a.municipality_ksh,
                CASE WHEN jsonb_typeof(a.content -> 'partnerOrganisations') = 'array'
                     THEN ARRAY(SELECT jsonb_array_elements_text(a.content -> 'partnerOrganisations'))
                     ELSE '{}'::text[] END AS partners
           FROM scoring_round r
           JOIN application a ON a.call_id = r.call_id AND a.status = 'submitted' AND a.formal_check = 'eligible'
          WHERE r.id = $1
            AND (r.number = 1 OR EXISTS (SELECT 1 FROM round_entry e WHERE e.round_id = r.id AND e.application_id = a.id))
       ), counted AS MATERIALIZED (
         SELECT x.id, x.application_id, x.jury_member_id, x.weighted_points, x.weighted_max
           FROM assignment x
           JOIN apps ON apps.id = x.application_id
           JOIN jury_member j ON j.id = x.jury_member_id
           JOIN organisation o ON o.id = j.organisation_id
          WHERE x.round_id = $1 AND x.status = 'submitted' AND x.excluded_at IS NULL
            AND NOT (o.code = ANY(apps.partners))
            AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.user_id = j.user_id AND m.status = 'approved'
                               AND m.municipality_ksh = apps.municipality_ksh)
       )
       SELECT 'total' AS kind, application_id, jury_member_id::text AS key,
              weighted_points::text AS a, weighted_max::text AS b
         FROM counted WHERE weighted_max > 0
       UNION ALL
       SELECT 'mean', c.application_id, s.criterion_id::text, sum(s.points)::text, count(*)::text
         FROM counted c
         JOIN score s ON s.assignment_id = c.id AND s.points IS NOT NULL
         JOIN round_criterion rc ON rc.id = s.criterion_id AND rc.round_id = $1 AND rc.tie_break_order IS NOT NULL
        GROUP BY c.application_id, s.criterion_id`;
