import { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1763800000200 implements MigrationInterface {
  name = 'Outbox1763800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY,
        queue text NOT NULL,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz,
        relay_attempts integer NOT NULL DEFAULT 0,
        last_error text,
        CONSTRAINT pk_outbox PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX ix_outbox_pending ON outbox (id) WHERE relayed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
  }
}
