import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One state change: who did what to which target, when, in which request. Append-only. */
@Entity('audit_log')
@Index('ix_audit_log_target', ['targetType', 'targetId', 'occurredAt'])
@Index('ix_audit_log_actor', ['actorId', 'occurredAt'])
@Index('ix_audit_log_occurred_at', ['occurredAt'])
export class AuditLog {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_audit_log',
  })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column('text')
  action: string;

  @Column('text')
  targetType: string;

  @Column({ type: 'text', nullable: true })
  targetId: string | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  // a plain object: TypeORM reads the database default back as '{}' and compares jsonb defaults as JSON
  @Column({ type: 'jsonb', default: {} })
  changes: Record<string, unknown>;
}
