import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Municipality } from '@portal/municipalities';
import { User } from './user.entity';

export const MEMBERSHIP_STATUSES = ['pending', 'approved', 'rejected', 'revoked'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** A user acting for a municipality; only an approved membership lets them act. */
@Entity('membership')
@Unique('uq_membership_user_municipality', ['userId', 'municipalityKsh'])
@Check('ck_membership_status', `status IN ('pending', 'approved', 'rejected', 'revoked')`)
@Index('ix_membership_status', ['status', 'requestedAt'])
@Index('ix_membership_municipality_ksh', ['municipalityKsh'])
export class Membership {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_membership' })
  id: string;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_membership_user_id' })
  user?: User;

  @Column({ type: 'char', length: 5 })
  municipalityKsh: string;

  @ManyToOne(() => Municipality)
  @JoinColumn({ name: 'municipality_ksh', foreignKeyConstraintName: 'fk_membership_municipality_ksh' })
  municipality?: Municipality;

  @Column({ type: 'text', nullable: true })
  position: string | null;

  @Column({ type: 'text', default: 'pending' })
  status: MembershipStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'fk_membership_decided_by' })
  decider?: User | null;

  @Column({ type: 'text', nullable: true })
  decisionNote: string | null;
}
