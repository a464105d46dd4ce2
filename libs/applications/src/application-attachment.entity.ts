import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '@portal/identity';
import type { AttachmentKind } from '@portal/storage';
import { Application } from './application.entity';

/** Largest attachment accepted: 20 MB (MiB). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** Attachments of one application in force at a time. */
export const MAX_ATTACHMENTS_PER_APPLICATION = 10;

/**
 * A file attached to an application, stored under a server-made key. Its kind comes from
 * the bytes (magic numbers), never from the name. Removing one sets removed_at and keeps
 * the file: an earlier submission may still name it.
 */
@Entity('application_attachment')
@Unique('uq_application_attachment_storage_key', ['storageKey'])
@Check('ck_application_attachment_kind', `kind IN ('pdf', 'docx', 'odt', 'xlsx', 'jpg', 'png')`)
@Check('ck_application_attachment_size', `size_bytes BETWEEN 1 AND 20971520`)
@Check('ck_application_attachment_sha256', `sha256 ~ '^[0-9a-f]{64}$'`)
@Index('ix_application_attachment_application_id', ['applicationId', 'uploadedAt'])
export class ApplicationAttachment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_application_attachment' })
  id: string;

  @Column('uuid')
  applicationId: string;

  @ManyToOne(() => Application)
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_application_attachment_application_id' })
  application?: Application;

  @Column('text')
  storageKey: string;

  /** Shown and downloaded under this name (safeDisplayName of the uploaded name). */
  @Column('text')
  displayName: string;

  @Column('text')
  kind: AttachmentKind;

  @Column('text')
  mime: string;

  @Column('int')
  sizeBytes: number;

  @Column('text')
  sha256: string;

  @Column('uuid')
  uploadedBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'fk_application_attachment_uploaded_by' })
  uploader?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  uploadedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  removedAt: Date | null;
}
