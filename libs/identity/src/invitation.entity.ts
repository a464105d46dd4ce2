import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Lang } from '@portal/core';

export type InvitedRole = 'juror' | 'coordinator';

@Entity('invitation')
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

  @Column({ type: 'char', length: 2, default: 'hu' })
  language: Lang;

  @Column('text', { select: false })
  tokenHash: string;

  @Column('uuid')
  invitedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
