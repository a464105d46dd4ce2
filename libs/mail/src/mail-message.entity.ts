import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Lang } from '@portal/core';

export type MailStatus = 'queued' | 'sent' | 'failed';

/** A file a mail carries, kept in FileStorage until the worker sends the mail. */
export interface MailAttachmentRef {
  storageKey: string;
  filename: string;
  contentType: string;
}

/** The e-mail ledger: a mail the portal decided to send, unique by its dedupe key. */
@Entity('mail_message')
@Unique('uq_mail_message_dedupe_key', ['dedupeKey'])
@Check('ck_mail_message_language', `language IN ('hu', 'en')`)
@Check('ck_mail_message_status', `status IN ('queued', 'sent', 'failed')`)
@Index('ix_mail_message_status', ['status', 'createdAt'])
export class MailMessage {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_mail_message' })
  id: string;

  @Column('text')
  dedupeKey: string;

  @Column('text')
  toAddress: string;

  @Column({ type: 'text', nullable: true })
  toName: string | null;

  @Column({ type: 'char', length: 2 })
  language: Lang;

  @Column('text')
  template: string;

  // a plain object: TypeORM reads the database default back as '{}' and compares jsonb defaults as JSON
  @Column({ type: 'jsonb', default: {} })
  params: Record<string, unknown>;

  @Column({ type: 'jsonb', default: [] })
  attachments: MailAttachmentRef[];

  @Column({ type: 'text', default: 'queued' })
  status: MailStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
