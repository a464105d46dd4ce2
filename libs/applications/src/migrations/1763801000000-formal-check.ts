import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coordinator tools on an application: the formal check after the submission deadline
 * (eligible, or ineligible with a reason), and the deadline of a correction after a
 * coordinator reopened a submitted application.
 */
export class FormalCheck1763801000000 implements MigrationInterface {
  name = 'FormalCheck1763801000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application
        ADD COLUMN formal_check text,
        ADD COLUMN formal_check_reason text,
        ADD COLUMN formal_checked_at timestamptz,
        ADD COLUMN formal_checked_by uuid,
        ADD COLUMN correction_closes_at timestamptz,
        ADD CONSTRAINT ck_application_formal_check CHECK (formal_check IN ('eligible', 'ineligible')),
        ADD CONSTRAINT ck_application_formal_check_reason
          CHECK (formal_check IS DISTINCT FROM 'ineligible' OR formal_check_reason IS NOT NULL),
        ADD CONSTRAINT fk_application_formal_checked_by FOREIGN KEY (formal_checked_by) REFERENCES app_user (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application
        DROP CONSTRAINT fk_application_formal_checked_by,
        DROP CONSTRAINT ck_application_formal_check_reason,
        DROP CONSTRAINT ck_application_formal_check,
        DROP COLUMN correction_closes_at,
        DROP COLUMN formal_checked_by,
        DROP COLUMN formal_checked_at,
        DROP COLUMN formal_check_reason,
        DROP COLUMN formal_check`);
  }
}
