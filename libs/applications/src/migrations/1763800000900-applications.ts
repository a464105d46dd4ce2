import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Municipalities' applications to a call: the draft, its attachments, the frozen snapshot
 * of each submission (with its receipt), and per-municipality deadline extensions.
 */
export class Applications1763800000900 implements MigrationInterface {
  name = 'Applications1763800000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE application (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL,
        theme_id uuid NOT NULL,
        municipality_ksh char(5) NOT NULL,
        status text NOT NULL DEFAULT 'draft',
        version integer NOT NULL DEFAULT 1,
        title text NOT NULL DEFAULT '',
        content jsonb NOT NULL,
        created_by uuid NOT NULL,
        updated_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        withdrawn_at timestamptz,
        CONSTRAINT pk_application PRIMARY KEY (id),
        CONSTRAINT ck_application_status CHECK (status IN ('draft', 'submitted', 'withdrawn')),
        CONSTRAINT ck_application_version CHECK (version >= 1),
        CONSTRAINT ck_application_content CHECK (jsonb_typeof(content) = 'object'),
        CONSTRAINT fk_application_call_id FOREIGN KEY (call_id) REFERENCES call (id),
        CONSTRAINT fk_application_theme_id FOREIGN KEY (theme_id) REFERENCES call_theme (id),
        CONSTRAINT fk_application_municipality_ksh FOREIGN KEY (municipality_ksh) REFERENCES municipality (ksh_code),
        CONSTRAINT fk_application_created_by FOREIGN KEY (created_by) REFERENCES app_user (id),
        CONSTRAINT fk_application_updated_by FOREIGN KEY (updated_by) REFERENCES app_user (id)
      )`);
    await q.query(`CREATE INDEX ix_application_call_municipality ON application (call_id, municipality_ksh)`);
    await q.query(`CREATE INDEX ix_application_municipality_ksh ON application (municipality_ksh, updated_at)`);
    await q.query(`CREATE INDEX ix_application_theme_id ON application (theme_id)`);
    await q.query(`
      CREATE TABLE application_submission (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL,
        number integer NOT NULL,
        content jsonb NOT NULL,
        attachments jsonb NOT NULL,
        sha256 text NOT NULL,
        received_at timestamptz NOT NULL,
        submitted_by uuid NOT NULL,
        receipt_storage_key text NOT NULL,
        CONSTRAINT pk_application_submission PRIMARY KEY (id),
        CONSTRAINT uq_application_submission_number UNIQUE (application_id, number),
        CONSTRAINT ck_application_submission_number CHECK (number >= 1),
        CONSTRAINT ck_application_submission_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT fk_application_submission_application_id FOREIGN KEY (application_id) REFERENCES application (id),
        CONSTRAINT fk_application_submission_submitted_by FOREIGN KEY (submitted_by) REFERENCES app_user (id)
      )`);
    await q.query(`
      CREATE TABLE application_attachment (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL,
        storage_key text NOT NULL,
        display_name text NOT NULL,
        kind text NOT NULL,
        mime text NOT NULL,
        size_bytes integer NOT NULL,
        sha256 text NOT NULL,
        uploaded_by uuid NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        CONSTRAINT pk_application_attachment PRIMARY KEY (id),
        CONSTRAINT uq_application_attachment_storage_key UNIQUE (storage_key),
        CONSTRAINT ck_application_attachment_kind CHECK (kind IN ('pdf', 'docx', 'odt', 'xlsx', 'jpg', 'png')),
        CONSTRAINT ck_application_attachment_size CHECK (size_bytes BETWEEN 1 AND 20971520),
        CONSTRAINT ck_application_attachment_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT fk_application_attachment_application_id FOREIGN KEY (application_id) REFERENCES application (id),
        CONSTRAINT fk_application_attachment_uploaded_by FOREIGN KEY (uploaded_by) REFERENCES app_user (id)
      )`);
    await q.query(
      `CREATE INDEX ix_application_attachment_application_id ON application_attachment (application_id, uploaded_at)`,
    );
    await q.query(`
      CREATE TABLE deadline_extension (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL,
        municipality_ksh char(5) NOT NULL,
        closes_at timestamptz NOT NULL,
        reason text NOT NULL,
        granted_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT pk_deadline_extension PRIMARY KEY (id),
        CONSTRAINT fk_deadline_extension_call_id FOREIGN KEY (call_id) REFERENCES call (id),
        CONSTRAINT fk_deadline_extension_municipality_ksh FOREIGN KEY (municipality_ksh)
          REFERENCES municipality (ksh_code),
        CONSTRAINT fk_deadline_extension_granted_by FOREIGN KEY (granted_by) REFERENCES app_user (id)
      )`);
    // at most one extension in force per municipality and call; a revoked one stays as history
    await q.query(
      `CREATE UNIQUE INDEX uq_deadline_extension_active ON deadline_extension (call_id, municipality_ksh)
        WHERE revoked_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deadline_extension`);
    await q.query(`DROP TABLE application_attachment`);
    await q.query(`DROP TABLE application_submission`);
    await q.query(`DROP TABLE application`);
  }
}
