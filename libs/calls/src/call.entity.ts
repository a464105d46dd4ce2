import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Programme } from './programme.entity';

/**
 * One year's call (pályázati felhívás) of a programme. Instants are stored in UTC; the api
 * takes and shows them in Europe/Budapest. The status is not stored: `callStatus()` derives
 * it from these columns and the clock.
 */
@Entity('call')
@Unique('uq_call_programme_year', ['programmeId', 'year'])
@Check('ck_call_year', `year BETWEEN 2000 AND 2999`)
@Check(
  'ck_call_phases_order',
  `submission_opens_at < submission_closes_at AND submission_closes_at < scoring_closes_at AND scoring_closes_at < results_at`,
)
@Check(
  'ck_call_max_applications',
  `max_applications_per_municipality IS NULL OR max_applications_per_municipality >= 1`,
)
export class Call {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_call' })
  id: string;

  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => Programme)
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_call_programme_id' })
  programme?: Programme;

  @Column('int')
  year: number;

  @Column('text')
  titleHu: string;

  @Column('text')
  titleEn: string;

  @Column('text')
  descriptionHu: string;

  @Column('text')
  descriptionEn: string;

  @Column('timestamptz')
  submissionOpensAt: Date;

  /** Exclusive: a submission received at exactly this instant is late. */
  @Column('timestamptz')
  submissionClosesAt: Date;

  @Column('timestamptz')
  scoringClosesAt: Date;

  @Column('timestamptz')
  resultsAt: Date;

  /** How many applications one municipality may hand in; null: one per theme. */
  @Column({ type: 'int', nullable: true })
  maxApplicationsPerMunicipality: number | null;

  /**
   * The practice must have been running since this day at the latest (started on or before
   * it); null: no such condition. A calendar day ('YYYY-MM-DD'), not an instant.
   */
  @Column({ type: 'date', nullable: true })
  practiceStartedAfter: string | null;

  /** Null: a draft, seen only by coordinators and admins. */
  @Column({ type: 'timestamptz', nullable: true })
  announcedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  scoringStartedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resultsPublishedAt: Date | null;

  /** Optimistic concurrency: an edit names the version it was made on; each change of the call adds one. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  copiedFromCallId: string | null;

  @ManyToOne(() => Call)
  @JoinColumn({ name: 'copied_from_call_id', foreignKeyConstraintName: 'fk_call_copied_from_call_id' })
  copiedFrom?: Call | null;
}
