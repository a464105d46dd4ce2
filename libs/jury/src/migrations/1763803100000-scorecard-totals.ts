import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each scorecard carries its weighted sums (Σ weight × points, Σ weight × max points, over the
 * criteria scored), kept by statement-level triggers on score, so a ranking reads one row per
 * scorecard instead of one per score.
 */
export class ScorecardTotals1763803100000 implements MigrationInterface {
  name = 'ScorecardTotals1763803100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE assignment ADD COLUMN weighted_points numeric(14,4), ADD COLUMN weighted_max numeric(14,4)`,
    );
    await q.query(`
      CREATE FUNCTION assignment_totals_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE assignment x
           SET weighted_points = t.wp, weighted_max = t.wmax
          FROM (SELECT a.id,
                       sum(c.weight * s.points) AS wp,
                       sum(c.weight * c.max_points) FILTER (WHERE s.points IS NOT NULL) AS wmax
                  FROM (SELECT DISTINCT assignment_id AS id FROM changed) a
                  LEFT JOIN score s ON s.assignment_id = a.id AND s.points IS NOT NULL
                  LEFT JOIN round_criterion c ON c.id = s.criterion_id
                 GROUP BY a.id) t
         WHERE x.id = t.id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER tr_score_totals_insert AFTER INSERT ON score REFERENCING NEW TABLE AS changed
                     FOR EACH STATEMENT EXECUTE FUNCTION assignment_totals_refresh()`);
    await q.query(`CREATE TRIGGER tr_score_totals_update AFTER UPDATE ON score REFERENCING NEW TABLE AS changed
                     FOR EACH STATEMENT EXECUTE FUNCTION assignment_totals_refresh()`);
    await q.query(`CREATE TRIGGER tr_score_totals_delete AFTER DELETE ON score REFERENCING OLD TABLE AS changed
                     FOR EACH STATEMENT EXECUTE FUNCTION assignment_totals_refresh()`);
    await q.query(`
      UPDATE assignment x SET weighted_points = t.wp, weighted_max = t.wmax
        FROM (SELECT s.assignment_id AS id, sum(c.weight * s.points) AS wp, sum(c.weight * c.max_points) AS wmax
                FROM score s JOIN round_criterion c ON c.id = s.criterion_id
               WHERE s.points IS NOT NULL GROUP BY s.assignment_id) t
       WHERE x.id = t.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_score_totals_delete ON score`);
    await q.query(`DROP TRIGGER tr_score_totals_update ON score`);
    await q.query(`DROP TRIGGER tr_score_totals_insert ON score`);
    await q.query(`DROP FUNCTION assignment_totals_refresh()`);
    await q.query(`ALTER TABLE assignment DROP COLUMN weighted_max, DROP COLUMN weighted_points`);
  }
}
