import { MigrationInterface, QueryRunner } from 'typeorm';

/** Files a mail carries (a receipt PDF): references to FileStorage, read by the worker at sending. */
export class MailAttachments1763801100000 implements MigrationInterface {
  name = 'MailAttachments1763801100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mail_message ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mail_message DROP COLUMN attachments`);
  }
}
