import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1763800000100 implements MigrationInterface {
  name = 'AuditLog1763800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text,
        request_id text,
        ip text,
        changes jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT pk_audit_log PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX ix_audit_log_target ON audit_log (target_type, target_id, occurred_at)`);
    await q.query(`CREATE INDEX ix_audit_log_actor ON audit_log (actor_id, occurred_at)`);
    await q.query(`CREATE INDEX ix_audit_log_occurred_at ON audit_log (occurred_at)`);
    // append-only: rows can be added, never changed or removed
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
