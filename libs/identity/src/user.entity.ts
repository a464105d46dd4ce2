import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Lang } from '@portal/core';
import { Organisation } from '@portal/organisations';

export const ROLES = ['applicant', 'juror', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

@Entity('app_user')
@Unique('uq_app_user_email', ['email'])
@Check('ck_app_user_email_lower', `email = lower(email)`)
@Check('ck_app_user_language', `language IN ('hu', 'en')`)
@Check('ck_app_user_roles', `roles <@ ARRAY['applicant', 'juror', 'coordinator', 'admin']::text[]`)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_app_user' })
  id: string;

  /** Stored lower-case: unique case-insensitively. */
  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column('text', { select: false })
  passwordHash: string;

  @Column({ type: 'char', length: 2, default: 'hu' })
  language: Lang;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  roles: Role[];

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation)
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_app_user_organisation_id' })
  organisation?: Organisation | null;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  passwordChangedAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
