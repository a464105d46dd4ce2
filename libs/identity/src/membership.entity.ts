import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MEMBERSHIP_STATUSES = ['pending', 'approved', 'rejected', 'revoked'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** A user acting for a municipality; only an approved membership lets them act. */
@Entity('membership')
export class Membership {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_membership' })
  id: string;

  @Column('uuid')
  userId: string;

  @Column({ type: 'char', length: 5 })
  municipalityKsh: string;

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

  @Column({ type: 'text', nullable: true })
  decisionNote: string | null;
}
