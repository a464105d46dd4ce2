import { MigrationInterface, QueryRunner } from 'typeorm';

/** Where each outbox row was relayed to (REDIS_PREFIX and Redis epoch), so that jobs a Redis lost are relayed again. */
export class OutboxRedisEpoch1763803200000 implements MigrationInterface {
  name = 'OutboxRedisEpoch1763803200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN relayed_prefix text, ADD COLUMN relayed_epoch text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN relayed_epoch, DROP COLUMN relayed_prefix`);
  }
}
