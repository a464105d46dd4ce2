import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { MailMessage } from './mail-message.entity';

/** A mail kept by the embedded catcher (no SMTP configured), readable by coordinators. */
@Entity('captured_mail')
@Unique('uq_captured_mail_mail_message_id', ['mailMessageId'])
@Index('ix_captured_mail_captured_at', ['capturedAt'])
export class CapturedMail {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_captured_mail' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  mailMessageId: string | null;

  @ManyToOne(() => MailMessage, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'mail_message_id', foreignKeyConstraintName: 'fk_captured_mail_mail_message_id' })
  mailMessage?: MailMessage | null;

  @Column('text')
  toAddress: string;

  @Column('text')
  fromAddress: string;

  @Column('text')
  subject: string;

  @Column('text')
  textBody: string;

  @Column({ type: 'text', nullable: true })
  htmlBody: string | null;

  @Column('text')
  raw: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  capturedAt: Date;
}
