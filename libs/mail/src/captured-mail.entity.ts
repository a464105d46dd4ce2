import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A mail kept by the embedded catcher (no SMTP configured), readable by coordinators. */
@Entity('captured_mail')
export class CapturedMail {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_captured_mail' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  mailMessageId: string | null;

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
