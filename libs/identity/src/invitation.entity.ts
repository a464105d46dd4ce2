import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Lang } from '@portal/core';
import { Organisation } from '@portal/organisations';
import { User } from './user.entity';

export type InvitedRole = 'juror' | 'coordinator';

@Entity('invitation')
@Unique('uq_invitation_token_hash', ['tokenHash'])
@Check('ck_invitation_role', `role IN ('juror', 'coordinator')`)
@Check('ck_invitation_language', `language IN ('hu', 'en')`)
@Check('ck_invitation_juror_organisation', `role <> 'juror' OR organisation_id IS NOT NULL`)
export class Invitation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_invitation' })
  id: string;

  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column('text')
  role: InvitedRole;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation)
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_invitation_organisation_id' })
  organisation?: Organisation | null;

  @Column({ type: 'char', length: 2, default: 'hu' })
  language: Lang;

  @Column('text', { select: false })
  tokenHash: string;

  @Column('uuid')
  invitedBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'invited_by', foreignKeyConstraintName: 'fk_invitation_invited_by' })
  inviter?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedUserId: string | null;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'accepted_user_id', foreignKeyConstraintName: 'fk_invitation_accepted_user_id' })
  acceptedUser?: User | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
