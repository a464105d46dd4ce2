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
import { Call, CallTheme } from '@portal/calls';
import { User } from '@portal/identity';
import { ScoringRound } from '@portal/jury';
import type { PublicResults } from './snapshot';

/** An award level of a call (winner, special prize, commendation …), in order of rank. */
@Entity('award_level')
@Unique('uq_award_level_position', ['callId', 'position'])
@Check('ck_award_level_code', `code ~ '^[a-z][a-z0-9_]{0,39}$'`)
export class AwardLevel {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_award_level' })
  callId: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'fk_award_level_call_id' })
  call?: Call;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_award_level' })
  code: string;

  @Column('int')
  position: number;

  @Column('text')
  nameHu: string;

  @Column('text')
  nameEn: string;
}

/** One award given to an application (its place among the theme's awards and its level). */
@Entity('award_decision')
@Unique('uq_award_decision_application', ['callId', 'applicationId'])
@Unique('uq_award_decision_position', ['themeId', 'position'])
@Check('ck_award_decision_position', `position >= 1`)
export class AwardDecision {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_award_decision' })
  id: string;

  @Column('uuid')
  callId: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'fk_award_decision_call_id' })
  call?: Call;

  @Column('uuid')
  themeId: string;

  @ManyToOne(() => CallTheme)
  @JoinColumn({ name: 'theme_id', foreignKeyConstraintName: 'fk_award_decision_theme_id' })
  theme?: CallTheme;

  @Column('uuid')
  roundId: string;

  @ManyToOne(() => ScoringRound)
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_award_decision_round_id' })
  round?: ScoringRound;

  @Column('uuid')
  applicationId: string;

  @ManyToOne(() => Application)
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_award_decision_application_id' })
  application?: Application;

  @Column('text')
  levelCode: string;

  @Column('int')
  position: number;

  @Column({ type: 'int', nullable: true })
  rankAtDecision: number | null;

  @Column({ type: 'numeric', precision: 7, scale: 4, nullable: true })
  scoreAtDecision: string | null;

  @Column('uuid')
  decidedBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'fk_award_decision_decided_by' })
  decider?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  decidedAt: Date;
}

/**
 * The decision on one theme: which round's ranking it rests on, whether it follows that
 * ranking, the written justification when it does not, and the committee's order for ties
 * the chain could not break.
 */
@Entity('theme_decision')
@Check('ck_theme_decision_justified', `follows_ranking OR justification IS NOT NULL`)
@Index('ix_theme_decision_call_id', ['callId'])
export class ThemeDecision {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_theme_decision' })
  themeId: string;

  @ManyToOne(() => CallTheme)
  @JoinColumn({ name: 'theme_id', foreignKeyConstraintName: 'fk_theme_decision_theme_id' })
  theme?: CallTheme;

  @Column('uuid')
  callId: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'fk_theme_decision_call_id' })
  call?: Call;

  @Column('uuid')
  roundId: string;

  @ManyToOne(() => ScoringRound)
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_theme_decision_round_id' })
  round?: ScoringRound;

  @Column({ type: 'text', nullable: true })
  justification: string | null;

  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  committeeOrder: string[];

  @Column('boolean')
  followsRanking: boolean;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column('uuid')
  decidedBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'fk_theme_decision_decided_by' })
  decider?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  decidedAt: Date;
}

export const PUBLICATION_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

export interface PublicationFiles {
  /** The winner list PDF (hu and en). */
  listHu?: string;
  listEn?: string;
  /** Certificate PDF per awarded application id. */
  certificates?: Record<string, string>;
}

/**
 * One publication of a call's results: version 1, then a new version per correction (the
 * older ones stay). The worker freezes its snapshot (with a SHA-256), renders the files and
 * mails the applicants; each step is idempotent.
 */
@Entity('publication')
@Unique('uq_publication_call_version', ['callId', 'version'])
@Check('ck_publication_status', `status IN ('queued', 'running', 'completed', 'failed')`)
@Check('ck_publication_version', `version >= 1`)
@Check('ck_publication_sha256', `sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'`)
@Index('uq_publication_in_progress', ['callId'], { unique: true, where: `status IN ('queued', 'running')` })
export class Publication {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_publication' })
  id: string;

  @Column('uuid')
  callId: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'fk_publication_call_id' })
  call?: Call;

  @Column('int')
  version: number;

  @Column({ type: 'text', default: 'queued' })
  status: PublicationStatus;

  /** Why a correction was published (null for the first version). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column('uuid')
  requestedBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'fk_publication_requested_by' })
  requester?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** Large (every scorecard of every round): read only where needed, never with the row. */
  @Column({ type: 'jsonb', nullable: true, select: false })
  snapshot?: Record<string, unknown> | null;

  /** What the public sees (hu and en), made from the snapshot when it is frozen: a few kB. */
  @Column({ type: 'jsonb', nullable: true, select: false })
  publicResults?: { hu: PublicResults; en: PublicResults } | null;

  @Column({ type: 'text', nullable: true })
  sha256: string | null;

  /** What changed against the previous version (awards added, removed, moved). */
  @Column({ type: 'jsonb', nullable: true })
  changes: Record<string, unknown> | null;

  @Column({ type: 'jsonb', default: {} })
  files: PublicationFiles;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
