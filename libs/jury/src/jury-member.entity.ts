import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Call } from '@portal/calls';
import { User } from '@portal/identity';
import { Organisation } from '@portal/organisations';

/** How a call's jury works: jurors per application (k) and the scoring step (whole or half points). */
@Entity('jury_settings')
@Check('ck_jury_settings_jurors_per_application', `jurors_per_application BETWEEN 1 AND 20`)
@Check('ck_jury_settings_score_step', `score_step IN (0.5, 1)`)
@Check('ck_jury_settings_scoring_method', `scoring_method IN ('mean', 'median', 'trimmed_mean', 'normalised')`)
@Check('ck_jury_settings_min_award_score', `min_award_score BETWEEN 0 AND 100`)
@Check('ck_jury_settings_disagreement_threshold', `disagreement_threshold BETWEEN 0 AND 100`)
export class JurySettings {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_jury_settings' })
  callId: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'fk_jury_settings_call_id' })
  call?: Call;

  @Column({ type: 'int', default: 3 })
  jurorsPerApplication: number;

  /** numeric(2,1): "1.0" or "0.5" from the driver. */
  @Column({ type: 'numeric', precision: 2, scale: 1, default: 1 })
  scoreStep: string;

  /** How an application's score comes from its jurors' totals (see @portal/scoring); fixed once scoring starts. */
  @Column({ type: 'text', default: 'mean' })
  scoringMethod: 'mean' | 'median' | 'trimmed_mean' | 'normalised';

  /** The least score (0–100) an award needs; null: none. */
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  minAwardScore: string | null;

  /** The SD of jurors' totals above which an application is flagged for discussion. */
  @Column({ type: 'numeric', precision: 5, scale: 2, default: 15 })
  disagreementThreshold: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/**
 * A juror on a call's jury (Irányító Bizottság), representing an organisation, optionally
 * limited to some themes (empty: all). Sees nothing of the call before accepting the declaration.
 */
@Entity('jury_member')
@Unique('uq_jury_member_call_user', ['callId', 'userId'])
@Index('ix_jury_member_user_id', ['userId'])
export class JuryMember {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_jury_member' })
  id: string;

  @Column('uuid')
  callId: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'fk_jury_member_call_id' })
  call?: Call;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_jury_member_user_id' })
  user?: User;

  /** The organisation the juror represents on this call (their organisation when added). */
  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => Organisation)
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_jury_member_organisation_id' })
  organisation?: Organisation;

  /** Empty: every theme of the call. */
  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  themeIds: string[];

  @Column({ type: 'timestamptz', nullable: true })
  declarationAcceptedAt: Date | null;

  @Column('uuid')
  addedBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'added_by', foreignKeyConstraintName: 'fk_jury_member_added_by' })
  adder?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  addedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;
}
