import { MigrationInterface, QueryRunner } from 'typeorm';

export class Extensions1763800000000 implements MigrationInterface {
  name = 'Extensions1763800000000';

  async up(q: QueryRunner): Promise<void> {
    // trigram indexes for accent-insensitive substring search
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
