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
import { Call } from '@portal/calls';
import { User } from '@portal/identity';
import { JuryMember } from './jury-member.entity';

export const STORED_CONFLICT_SOURCES = ['declared', 'coordinator'] as const;
/** Stored conflicts; `municipality` and `partner` are automatic (the view jury_conflict). */
export const CONFLICT_SOURCES = [...STORED_CONFLICT_SOURCES, 'municipality', 'partner'] as const;
export type ConflictSource = (typeof CONFLICT_SOURCES)[number];

/** A conflict of interest (összeférhetetlenség) declared by the juror or set by a coordinator. Never deleted. */
@Entity('conflict_of_interest')
@Unique('uq_conflict_of_interest_member_application', ['juryMemberId', 'applicationId'])
@Check('ck_conflict_of_interest_source', `source IN ('declared', 'coordinator')`)
@Index('ix_conflict_of_interest_call_id', ['callId'])
export class ConflictOfInterest {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_conflict_of_interest' })
  id: string;

  @Column('uuid')
  callId: string;

  @ManyToOne(() => Call, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'fk_conflict_of_interest_call_id' })
  call?: Call;

  @Column('uuid')
  juryMemberId: string;

  @ManyToOne(() => JuryMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'jury_member_id', foreignKeyConstraintName: 'fk_conflict_of_interest_jury_member_id' })
  juryMember?: JuryMember;

  @Column('uuid')
  applicationId: string;

  @ManyToOne(() => Application)
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_conflict_of_interest_application_id' })
  application?: Application;

  @Column('text')
  source: (typeof STORED_CONFLICT_SOURCES)[number];

  @Column('text')
  reason: string;

  @Column('uuid')
  createdBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_conflict_of_interest_created_by' })
  creator?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

export const PREFERENCES = ['keen', 'neutral', 'rather_not'] as const;
export type Preference = (typeof PREFERENCES)[number];

/** How keen a juror is to score an application; automatic assignment honours it as far as it can. */
@Entity('juror_preference')
@Check('ck_juror_preference_preference', `preference IN ('keen', 'neutral', 'rather_not')`)
export class JurorPreference {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_juror_preference' })
  juryMemberId: string;

  @ManyToOne(() => JuryMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'jury_member_id', foreignKeyConstraintName: 'fk_juror_preference_jury_member_id' })
  juryMember?: JuryMember;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_juror_preference' })
  applicationId: string;

  @ManyToOne(() => Application)
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_juror_preference_application_id' })
  application?: Application;

  @Column('text')
  preference: Preference;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
