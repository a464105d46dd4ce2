import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The automatic municipality conflict counts an approved membership only: a request that
 * anyone can file (pending) must not let a juror take their own scores out of a ranking.
 */
export class JuryConflictApproved1763802100000 implements MigrationInterface {
  name = 'JuryConflictApproved1763802100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(view(`m.status = 'approved'`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(view(`m.status IN ('pending', 'approved')`));
  }
}

function view(membership: string): string {
  return `
    CREATE OR REPLACE VIEW jury_conflict AS
      SELECT c.jury_member_id, c.application_id, c.source, c.reason, c.created_at
        FROM conflict_of_interest c
      UNION ALL
      SELECT DISTINCT j.id, a.id, 'municipality', NULL::text, NULL::timestamptz
        FROM jury_member j
        JOIN membership m ON m.user_id = j.user_id AND ${membership}
        JOIN application a ON a.call_id = j.call_id AND a.municipality_ksh = m.municipality_ksh
      UNION ALL
      SELECT j.id, a.id, 'partner', NULL::text, NULL::timestamptz
        FROM jury_member j
        JOIN organisation o ON o.id = j.organisation_id
        JOIN application a ON a.call_id = j.call_id
       WHERE jsonb_typeof(a.content -> 'partnerOrganisations') = 'array'
         AND (a.content -> 'partnerOrganisations') ? o.code`;
}
