import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1763800000600 implements MigrationInterface {
  name = 'Identity1763800000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        language char(2) NOT NULL DEFAULT 'hu',
        roles text[] NOT NULL DEFAULT '{}',
        organisation_id uuid,
        is_active boolean NOT NULL DEFAULT true,
        deactivated_at timestamptz,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_app_user PRIMARY KEY (id),
        CONSTRAINT uq_app_user_email UNIQUE (email),
        CONSTRAINT ck_app_user_email_lower CHECK (email = lower(email)),
        CONSTRAINT ck_app_user_language CHECK (language IN ('hu', 'en')),
        CONSTRAINT ck_app_user_roles CHECK (roles <@ ARRAY['applicant', 'juror', 'coordinator', 'admin']::text[]),
        CONSTRAINT fk_app_user_organisation_id FOREIGN KEY (organisation_id) REFERENCES organisation (id)
      )`);
    await q.query(`
      CREATE TABLE membership (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        municipality_ksh char(5) NOT NULL,
        position text,
        status text NOT NULL DEFAULT 'pending',
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by uuid,
        decision_note text,
        CONSTRAINT pk_membership PRIMARY KEY (id),
        CONSTRAINT uq_membership_user_municipality UNIQUE (user_id, municipality_ksh),
        CONSTRAINT ck_membership_status CHECK (status IN ('pending', 'approved', 'rejected', 'revoked')),
        CONSTRAINT fk_membership_user_id FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT fk_membership_municipality_ksh FOREIGN KEY (municipality_ksh) REFERENCES municipality (ksh_code),
        CONSTRAINT fk_membership_decided_by FOREIGN KEY (decided_by) REFERENCES app_user (id)
      )`);
    await q.query(`CREATE INDEX ix_membership_status ON membership (status, requested_at)`);
    await q.query(`CREATE INDEX ix_membership_municipality_ksh ON membership (municipality_ksh)`);
    await q.query(`
      CREATE TABLE invitation (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL,
        organisation_id uuid,
        language char(2) NOT NULL DEFAULT 'hu',
        token_hash text NOT NULL,
        invited_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_user_id uuid,
        revoked_at timestamptz,
        CONSTRAINT pk_invitation PRIMARY KEY (id),
        CONSTRAINT uq_invitation_token_hash UNIQUE (token_hash),
        CONSTRAINT ck_invitation_role CHECK (role IN ('juror', 'coordinator')),
        CONSTRAINT ck_invitation_language CHECK (language IN ('hu', 'en')),
        CONSTRAINT ck_invitation_juror_organisation CHECK (role <> 'juror' OR organisation_id IS NOT NULL),
        CONSTRAINT fk_invitation_organisation_id FOREIGN KEY (organisation_id) REFERENCES organisation (id),
        CONSTRAINT fk_invitation_invited_by FOREIGN KEY (invited_by) REFERENCES app_user (id),
        CONSTRAINT fk_invitation_accepted_user_id FOREIGN KEY (accepted_user_id) REFERENCES app_user (id)
      )`);
    await q.query(`
      CREATE TABLE password_reset_token (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT pk_password_reset_token PRIMARY KEY (id),
        CONSTRAINT uq_password_reset_token_token_hash UNIQUE (token_hash),
        CONSTRAINT fk_password_reset_token_user_id FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
      )`);
    // express-session store (connect-pg-simple's layout); sessions are found by user to end them
    await q.query(`
      CREATE TABLE user_session (
        sid varchar NOT NULL,
        sess json NOT NULL,
        expire timestamp(6) NOT NULL,
        CONSTRAINT pk_user_session PRIMARY KEY (sid)
      )`);
    await q.query(`CREATE INDEX ix_user_session_expire ON user_session (expire)`);
    await q.query(`CREATE INDEX ix_user_session_user ON user_session ((sess -> 'passport' ->> 'user'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_session`);
    await q.query(`DROP TABLE password_reset_token`);
    await q.query(`DROP TABLE invitation`);
    await q.query(`DROP TABLE membership`);
    await q.query(`DROP TABLE app_user`);
  }
}
