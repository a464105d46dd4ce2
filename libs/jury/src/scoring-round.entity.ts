import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Application } from '@portal/applications';
import { Call, CallCriterion } from '@portal/calls';
import { User } from '@portal/identity';

/**
 * A scoring round of a call. Round 1 scores every eligible application; a later round
 * those shortlisted into it (round_entry). Open in [opens_at, closes_at) unless a
 * coordinator closed it earlier (closed_at).
 */
@Entity('scoring_round')
@Unique('uq_scoring_round_call_number', ['callId', 'number'])
@Check('ck_scoring_round_number', `number >= 1`)
@Check('ck_scoring_round_window', `opens_at < closes_at`)
export class ScoringRound {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_scoring_round' })
  id: string;

  @Column('uuid')
  callId: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'fk_scoring_round_call_id' })
  call?: Call;

  @Column('int')
  number: number;

  @Column('text')
  nameHu: string;

  @Column('text')
  nameEn: string;

  @Column('timestamptz')
  opensAt: Date;

  /** Exclusive: a save received at exactly this instant is late. */
  @Column('timestamptz')
  closesAt: Date;

  /** Set when a coordinator closed the round (early, or to seal it at its deadline). */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** The round's own jury (jury_member ids); null: the whole jury of the call. */
  @Column({ type: 'uuid', array: true, nullable: true })
  juryMemberIds: string[] | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column('uuid')
  createdBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_scoring_round_created_by' })
  creator?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

/** What jurors score in a round: a copy of the call's criteria, or the round's own. */
@Entity('round_criterion')
@Unique('uq_round_criterion_position', ['roundId', 'position'])
@Check('ck_round_criterion_weight', `weight > 0`)
@Check('ck_round_criterion_max_points', `max_points BETWEEN 1 AND 100`)
export class RoundCriterion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_round_criterion' })
  id: string;

  @Column('uuid')
  roundId: string;

  @ManyToOne(() => ScoringRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_round_criterion_round_id' })
  round?: ScoringRound;

  @Column('int')
  position: number;

  @Column('text')
  nameHu: string;

  @Column('text')
  nameEn: string;

  @Column({ type: 'text', default: '' })
  guidanceHu: string;

  @Column({ type: 'text', default: '' })
  guidanceEn: string;

  @Column({ type: 'numeric', precision: 6, scale: 2 })
  weight: string;

  @Column('int')
  maxPoints: number;

  @Column({ type: 'int', nullable: true })
  tieBreakOrder: number | null;

  /** The call criterion it was copied from; null for a round's own criterion. */
  @Column({ type: 'uuid', nullable: true })
  sourceCriterionId: string | null;

  @ManyToOne(() => CallCriterion)
  @JoinColumn({ name: 'source_criterion_id', foreignKeyConstraintName: 'fk_round_criterion_source_criterion_id' })
  sourceCriterion?: CallCriterion | null;
}

/** An application shortlisted into a later round. */
@Entity('round_entry')
export class RoundEntry {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_round_entry' })
  roundId: string;

  @ManyToOne(() => ScoringRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'fk_round_entry_round_id' })
  round?: ScoringRound;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_round_entry' })
  applicationId: string;

  @ManyToOne(() => Application)
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_round_entry_application_id' })
  application?: Application;

  @Column('uuid')
  addedBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'added_by', foreignKeyConstraintName: 'fk_round_entry_added_by' })
  adder?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  addedAt: Date;
}
