import { MigrationInterface, QueryRunner } from 'typeorm';

/** A submission's receipt PDF is rendered after the submission is stored: its key is null until then. */
export class ReceiptAfterSubmit1763803400000 implements MigrationInterface {
  name = 'ReceiptAfterSubmit1763803400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application_submission ALTER COLUMN receipt_storage_key DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application_submission ALTER COLUMN receipt_storage_key SET NOT NULL`);
  }
}
