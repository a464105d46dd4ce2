import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Call } from './call.entity';

export const QUESTION_KINDS = ['short_text', 'long_text', 'number', 'date', 'single_choice'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** One choice of a single-choice question: a stable value and its labels. */
export interface QuestionChoice {
  value: string;
  hu: string;
  en: string;
}

/** An extra question of a call's application form. Removed by setting removed_at. */
@Entity('call_question')
@Check('ck_call_question_kind', `kind IN ('short_text', 'long_text', 'number', 'date', 'single_choice')`)
@Check(
  'ck_call_question_choices',
  `(kind = 'single_choice' AND choices IS NOT NULL AND jsonb_typeof(choices) = 'array' AND jsonb_array_length(choices) > 0)
   OR (kind <> 'single_choice' AND choices IS NULL)`,
)
@Index('ix_call_question_call_id', ['callId', 'position'])
export class CallQuestion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_call_question' })
  id: string;

  @Column('uuid')
  callId: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'fk_call_question_call_id' })
  call?: Call;

  @Column('int')
  position: number;

  @Column('text')
  labelHu: string;

  @Column('text')
  labelEn: string;

  @Column({ type: 'text', nullable: true })
  helpHu: string | null;

  @Column({ type: 'text', nullable: true })
  helpEn: string | null;

  @Column('text')
  kind: QuestionKind;

  @Column({ type: 'boolean', default: false })
  required: boolean;

  /** The choices of a single_choice question (required then, null otherwise). */
  @Column({ type: 'jsonb', nullable: true })
  choices: QuestionChoice[] | null;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;
}
