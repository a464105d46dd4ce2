import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public part of a publication (hu and en), kept beside its snapshot: the public winner
 * list reads a few kB instead of the whole snapshot. Publications frozen before get it on
 * their first public read.
 */
export class PublicationPublicResults1763803300000 implements MigrationInterface {
  name = 'PublicationPublicResults1763803300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE publication ADD COLUMN public_results jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE publication DROP COLUMN public_results`);
  }
}
