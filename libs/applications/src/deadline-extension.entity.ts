import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Call } from '@portal/calls';
import { User } from '@portal/identity';
import { Municipality } from '@portal/municipalities';

/**
 * A later submission deadline for one municipality in one call, granted by a coordinator.
 * It expires on its own at closes_at (exclusive, like the call's deadline); revoking it
 * sets revoked_at. At most one is in force per call and municipality.
 */
@Entity('deadline_extension')
@Index('uq_deadline_extension_active', ['callId', 'municipalityKsh'], { unique: true, where: 'revoked_at IS NULL' })
export class DeadlineExtension {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_deadline_extension' })
  id: string;

  @Column('uuid')
  callId: string;

  @ManyToOne(() => Call)
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'fk_deadline_extension_call_id' })
  call?: Call;

  @Column({ type: 'char', length: 5 })
  municipalityKsh: string;

  @ManyToOne(() => Municipality)
  @JoinColumn({ name: 'municipality_ksh', foreignKeyConstraintName: 'fk_deadline_extension_municipality_ksh' })
  municipality?: Municipality;

  /** Exclusive: a submission received at exactly this instant is late. */
  @Column('timestamptz')
  closesAt: Date;

  @Column('text')
  reason: string;

  @Column('uuid')
  grantedBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'granted_by', foreignKeyConstraintName: 'fk_deadline_extension_granted_by' })
  granter?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
