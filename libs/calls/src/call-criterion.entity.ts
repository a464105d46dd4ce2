import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Call } from './call.entity';

/** What jurors score (szempont), with its weight and maximum. Removed by setting removed_at. */
@Entity('call_criterion')
@Unique('uq_call_criterion_tie_break', ['callId', 'tieBreakOrder'])
@Check('ck_call_criterion_weight', `weight > 0`)
@Check('ck_call_criterion_max_points', `max_points BETWEEN 1 AND 100`)
@Check('ck_call_criterion_tie_break', `tie_break_order IS NULL OR tie_break_order >= 1`)
@Index('ix_call_criterion_call_id', ['callId', 'position'])
export class CallCriterion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_call_criterion' })
  id: string;

  @Column('uuid')
  callId: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'fk_call_criterion_call_id' })
  call?: Call;

  @Column('int')
  position: number;

  @Column('text')
  nameHu: string;

  @Column('text')
  nameEn: string;

  @Column('text')
  guidanceHu: string;

  @Column('text')
  guidanceEn: string;

  /** numeric(6,2): the driver gives it as a string ("1.50"), exact. */
  @Column({ type: 'numeric', precision: 6, scale: 2 })
  weight: string;

  @Column('int')
  maxPoints: number;

  /**
   * Which criterion decides a tie of weighted totals first (1), second (2), …; null: not
   * used for ties. Unique per call when set (NULLs never clash); cleared when removed.
   */
  @Column({ type: 'int', nullable: true })
  tieBreakOrder: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;
}
