import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '@portal/identity';
import type { ApplicationContent, SubmittedAttachment } from './application-content';
import { Application } from './application.entity';

/**
 * A submitted version, frozen: the content and the attachments as they were when the
 * submission was received, their SHA-256, and the receipt PDF. Number 1, then 2 … after a
 * reopening for correction. Never changed once written.
 */
@Entity('application_submission')
@Unique('uq_application_submission_number', ['applicationId', 'number'])
@Check('ck_application_submission_number', `number >= 1`)
@Check('ck_application_submission_sha256', `sha256 ~ '^[0-9a-f]{64}$'`)
export class ApplicationSubmission {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_application_submission' })
  id: string;

  @Column('uuid')
  applicationId: string;

  @ManyToOne(() => Application)
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_application_submission_application_id' })
  application?: Application;

  @Column('int')
  number: number;

  @Column({ type: 'jsonb' })
  content: ApplicationContent;

  @Column({ type: 'jsonb' })
  attachments: SubmittedAttachment[];

  /** Hex SHA-256 of the canonical JSON of { content, attachments } (see submissionDigest). */
  @Column('text')
  sha256: string;

  /** The server's clock when the submit request was received: this decides the deadline. */
  @Column('timestamptz')
  receivedAt: Date;

  @Column('uuid')
  submittedBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'submitted_by', foreignKeyConstraintName: 'fk_application_submission_submitted_by' })
  submitter?: User;

  /** The receipt PDF: rendered by the worker after the submission (or on its first download); null until then. */
  @Column({ type: 'text', nullable: true })
  receiptStorageKey: string | null;
}
