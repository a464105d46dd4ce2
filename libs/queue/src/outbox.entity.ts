import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A job decided inside a transaction, relayed to BullMQ after commit (job id outbox-<id>). */
@Entity('outbox')
// partial index (id) WHERE relayed_at IS NULL: kept by the migration, left alone by schema sync
@Index('ix_outbox_pending', { synchronize: false })
export class OutboxEntry {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_outbox',
  })
  id: string;

  @Column('text')
  queue: string;

  @Column('text')
  jobName: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  relayedAt: Date | null;

  /** The REDIS_PREFIX and the Redis epoch the job was relayed to (see OutboxRelay). */
  @Column({ type: 'text', nullable: true })
  relayedPrefix: string | null;

  @Column({ type: 'text', nullable: true })
  relayedEpoch: string | null;

  @Column({ type: 'integer', default: 0 })
  relayAttempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
