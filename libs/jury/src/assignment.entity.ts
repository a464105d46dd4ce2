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
import { Application } from '@portal/applications';
import { User } from '@portal/identity';
import { JuryMember } from './jury-member.entity';
import { RoundCriterion, ScoringRound } from './scoring-round.entity';

export const ASSIGNMENT_STATUSES = ['assigned', 'draft', 'submitted'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/**
 * One juror on one application in one round, with the juror's scorecard: `assigned`
 * (nothing saved), `draft`, `submitted`. Excluded (kept, not counted) when a conflict of
 * interest came to light after scoring.
 */
@Entity('assignment')
@Unique('uq_assignment_round_application_member', ['roundId', 'applicationId', 'juryMemberId'])
@Check('ck_assignment_source', `source IN ('auto', 'manual')`)
@Check('ck_assignment_status', `status IN ('assigned', 'draft', 'submitted')`)
@Check('ck_assignment_submitted', `(status = 'submitted') = (submitted_at IS NOT NULL)`)
@Check('ck_assignment_excluded', `(excluded_at IS NULL) = (excluded_reason IS NULL)`)
@Index('ix_assignment_jury_member_id', ['juryMemberId', 'roundId'])
@Index('ix_assignment_application_id', ['applicationId'])
export class Assignment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_assignment' })
  id: string;

  @Column('uuid')
  roundId: string;

  @ManyToOne(() => ScoringRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_assignment_round_id' })
  round?: ScoringRound;

  @Column('uuid')
  applicationId: string;

  @ManyToOne(() => Application)
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_assignment_application_id' })
  application?: Application;

  @Column('uuid')
  juryMemberId: string;

  @ManyToOne(() => JuryMember)
  @JoinColumn({ name: 'jury_member_id', foreignKeyConstraintName: 'fk_assignment_jury_member_id' })
  juryMember?: JuryMember;

  @Column('text')
  source: 'auto' | 'manual';

  @Column({ type: 'text', default: 'assigned' })
  status: AssignmentStatus;

  /** To the other jurors (seen by them only after the round closes). */
  @Column({ type: 'text', nullable: true })
  privateNote: string | null;

  /** To the applicant, released only with the results. */
  @Column({ type: 'text', nullable: true })
  feedback: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column('uuid')
  createdBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_assignment_created_by' })
  creator?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  excludedAt: Date | null;

  /** Σ weight × points over the criteria scored; kept by the database (triggers on score), never written here. */
  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true, insert: false, update: false })
  weightedPoints: string | null;

  /** Σ weight × max points over the same criteria; kept by the database like weightedPoints. */
  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true, insert: false, update: false })
  weightedMax: string | null;

  @Column({ type: 'text', nullable: true })
  excludedReason: string | null;
}

/** One criterion of a scorecard: points (0 … max, in the call's steps), or an abstention with a reason. */
@Entity('score')
@Check('ck_score_points', `points IS NULL OR points >= 0`)
@Check('ck_score_points_or_abstain', `points IS NULL OR abstain_reason IS NULL`)
@Index('ix_score_criterion_id', ['criterionId'])
export class Score {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_score' })
  assignmentId: string;

  @ManyToOne(() => Assignment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'fk_score_assignment_id' })
  assignment?: Assignment;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_score' })
  criterionId: string;

  @ManyToOne(() => RoundCriterion)
  @JoinColumn({ name: 'criterion_id', foreignKeyConstraintName: 'fk_score_criterion_id' })
  criterion?: RoundCriterion;

  /** numeric(4,1) as a string ("7.5"). */
  @Column({ type: 'numeric', precision: 4, scale: 1, nullable: true })
  points: string | null;

  @Column({ type: 'text', nullable: true })
  abstainReason: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
