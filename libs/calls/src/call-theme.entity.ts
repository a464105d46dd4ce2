import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organisation } from '@portal/organisations';
import { Call } from './call.entity';

/** A theme (témakör) of a call, ranked separately. Removed by setting removed_at, never deleted. */
@Entity('call_theme')
@Index('ix_call_theme_call_id', ['callId', 'position'])
export class CallTheme {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_call_theme' })
  id: string;

  @Column('uuid')
  callId: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'fk_call_theme_call_id' })
  call?: Call;

  @Column('int')
  position: number;

  @Column('text')
  titleHu: string;

  @Column('text')
  titleEn: string;

  @Column('text')
  descriptionHu: string;

  @Column('text')
  descriptionEn: string;

  @Column({ type: 'uuid', nullable: true })
  sponsorOrganisationId: string | null;

  @ManyToOne(() => Organisation)
  @JoinColumn({ name: 'sponsor_organisation_id', foreignKeyConstraintName: 'fk_call_theme_sponsor_organisation_id' })
  sponsorOrganisation?: Organisation | null;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;
}
