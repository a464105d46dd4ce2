import { MigrationInterface, QueryRunner } from 'typeorm';

export class Mail1763800000300 implements MigrationInterface {
  name = 'Mail1763800000300';

  async up(q: QueryRunner): Promise<void> {
    // the e-mail ledger: one row per mail the portal decided to send
    await q.query(`
      CREATE TABLE mail_message (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        dedupe_key text NOT NULL,
        to_address text NOT NULL,
        to_name text,
        language char(2) NOT NULL,
        template text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL DEFAULT 'queued',
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        subject text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT pk_mail_message PRIMARY KEY (id),
        CONSTRAINT uq_mail_message_dedupe_key UNIQUE (dedupe_key),
        CONSTRAINT ck_mail_message_language CHECK (language IN ('hu', 'en')),
        CONSTRAINT ck_mail_message_status CHECK (status IN ('queued', 'sent', 'failed'))
      )`);
    await q.query(`CREATE INDEX ix_mail_message_status ON mail_message (status, created_at)`);
    // mail kept by the embedded catcher when no SMTP server is configured
    await q.query(`
      CREATE TABLE captured_mail (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        mail_message_id uuid,
        to_address text NOT NULL,
        from_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text,
        raw text NOT NULL,
        captured_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_captured_mail PRIMARY KEY (id),
        CONSTRAINT uq_captured_mail_mail_message_id UNIQUE (mail_message_id),
        CONSTRAINT fk_captured_mail_mail_message_id FOREIGN KEY (mail_message_id) REFERENCES mail_message (id) ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX ix_captured_mail_captured_at ON captured_mail (captured_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE captured_mail`);
    await q.query(`DROP TABLE mail_message`);
  }
}
