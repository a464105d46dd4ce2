import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Call, CallTheme } from '@portal/calls';
import { User } from '@portal/identity';
import { Municipality } from '@portal/municipalities';
import type { ApplicationContent } from './application-content';

export const APPLICATION_STATUSES = ['draft', 'submitted', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const FORMAL_CHECK_RESULTS = ['eligible', 'ineligible'] as const;
export type FormalCheckResult = (typeof FORMAL_CHECK_RESULTS)[number];

/**
 * One municipality's application (pályázat) to one theme of a call. Staff of the
 * municipality edit the draft together: every save names the version it was made on.
 */
@Entity('application')
@Check('ck_application_status', `status IN ('draft', 'submitted', 'withdrawn')`)
@Check('ck_application_version', `version >= 1`)
@Check('ck_application_content', `jsonb_typeof(content) = 'object'`)
@Check('ck_application_formal_check', `formal_check IN ('eligible', 'ineligible')`)
@Check(
  'ck_application_formal_check_reason',
  `formal_check IS DISTINCT FROM 'ineligible' OR formal_check_reason IS NOT NULL`,
)
@Index('ix_application_call_municipality', ['callId', 'municipalityKsh'])
@Index('ix_application_municipality_ksh', ['municipalityKsh', 'updatedAt'])
@Index('ix_application_theme_id', ['themeId'])
export class Application {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_application' })
  id: string;

  @Column('uuid')
  callId: string;

  @ManyToOne(() => Call)
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'fk_application_call_id' })
  call?: Call;

  @Column('uuid')
  themeId: string;

  @ManyToOne(() => CallTheme)
  @JoinColumn({ name: 'theme_id', foreignKeyConstraintName: 'fk_application_theme_id' })
  theme?: CallTheme;

  @Column({ type: 'char', length: 5 })
  municipalityKsh: string;

  @ManyToOne(() => Municipality)
  @JoinColumn({ name: 'municipality_ksh', foreignKeyConstraintName: 'fk_application_municipality_ksh' })
  municipality?: Municipality;

  @Column({ type: 'text', default: 'draft' })
  status: ApplicationStatus;

  /** Optimistic concurrency: each save and each change of status adds one. */
  @Column({ type: 'int', default: 1 })
  version: number;

  /** content.title, copied for lists. */
  @Column({ type: 'text', default: '' })
  title: string;

  /** The form as last saved (see ApplicationContent); a draft may miss required fields. */
  @Column({ type: 'jsonb' })
  content: ApplicationContent;

  @Column('uuid')
  createdBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_application_created_by' })
  creator?: User;

  @Column('uuid')
  updatedBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_application_updated_by' })
  updater?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  /** When the last submission was received (the server's clock at the request). */
  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  /** The formal check after the deadline: null until a coordinator did it (or after a reopening). */
  @Column({ type: 'text', nullable: true })
  formalCheck: FormalCheckResult | null;

  /** Required when ineligible (it is e-mailed to the municipality); optional note when eligible. */
  @Column({ type: 'text', nullable: true })
  formalCheckReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  formalCheckedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  formalCheckedBy: string | null;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'formal_checked_by', foreignKeyConstraintName: 'fk_application_formal_checked_by' })
  formalChecker?: User | null;

  /**
   * After a coordinator reopened the application for correction: its own deadline for the
   * resubmission (exclusive), when later than the call's (or the municipality's extension);
   * null: the call's deadline applies.
   */
  @Column({ type: 'timestamptz', nullable: true })
  correctionClosesAt: Date | null;
}
