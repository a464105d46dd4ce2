import { Injectable, Logger } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import type { AddressObject } from 'mailparser';
import type { SendMailOptions } from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import { Env } from '@portal/config';
import { FileStorage } from '@portal/storage';
import { Clock, currentContext, DEFAULT_LANG, runWithContext } from '@portal/core';
import { MailMessage } from './mail-message.entity';
import { PermanentMailError, SECRET_PARAMS } from './mail-templates';
import { MailRenderer, RenderedMail } from './mail.renderer';
import { isPermanentSmtpFailure, MailTransport } from './mail-transport';

export type DeliveryOutcome = 'sent' | 'already-sent' | 'missing';

export interface DeliveryOptions {
  /** The queue will not try again after this attempt: a failure marks the mail failed. */
  finalAttempt?: boolean;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

function addresses(field: AddressObject | AddressObject[] | undefined): string {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list
    .flatMap((entry) => entry.value)
    .map((address) => address.address ?? '')
    .filter((address) => address.length > 0)
    .join(', ');
}

/**
 * Delivers one mail of the ledger, at most once however often it is asked to: the row is
 * locked while the mail goes out, and a mail already `sent` is left alone (BullMQ delivers
 * a job at least once). With SMTP configured the mail is handed to the server; otherwise
 * the embedded catcher keeps it (captured_mail, one per mail) for coordinators to read.
 */
@Injectable()
export class MailDelivery {
  private readonly logger = new Logger(MailDelivery.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly renderer: MailRenderer,
    private readonly transport: MailTransport,
    private readonly env: Env,
    private readonly clock: Clock,
    private readonly storage: FileStorage,
  ) {}

  /**
   * Sends the mail unless it was sent already. A failure is recorded on the mail (attempts,
   * last_error) and rethrown; a failure no retry can fix (unknown template, SMTP 5xx) marks
   * it failed and is thrown as PermanentMailError.
   */
  async deliver(mailId: string, options: DeliveryOptions = {}): Promise<DeliveryOutcome> {
    try {
      return await this.dataSource.transaction('READ COMMITTED', (manager) => this.deliverLocked(manager, mailId));
    } catch (error) {
      const permanent = error instanceof PermanentMailError || isPermanentSmtpFailure(error);
      await this.recordFailure(mailId, error, permanent || options.finalAttempt === true);
      if (permanent && !(error instanceof PermanentMailError)) {
        throw new PermanentMailError(`Mail ${mailId} was refused: ${messageOf(error)}`);
      }
      throw error;
    }
  }

  private async deliverLocked(manager: EntityManager, mailId: string): Promise<DeliveryOutcome> {
    const mail = await manager.findOne(MailMessage, { where: { id: mailId }, lock: { mode: 'pessimistic_write' } });
    if (!mail) {
      this.logger.warn(`mail ${mailId} does not exist; nothing to send`);
      return 'missing';
    }
    if (mail.status === 'sent') {
      this.logger.debug(`mail ${mailId} was sent already`);
      return 'already-sent';
    }
    const context = { requestId: currentContext()?.requestId ?? `mail-${mailId}`, lang: mail.language ?? DEFAULT_LANG };
    return runWithContext(context, async () => {
      const rendered = this.renderer.render(mail.template, mail.language, mail.params);
      const message = { ...this.message(mail, rendered), attachments: await this.attachments(mail) };
      if (this.transport.mode === 'smtp') {
        await this.transport.sendSmtp(message);
      } else {
        await this.capture(manager, mail, message);
      }
      await manager.query(
        `UPDATE mail_message
            SET status = 'sent', subject = $2, sent_at = $3, attempts = attempts + 1, last_error = NULL,
                params = params - $4::text[]
          WHERE id = $1`,
        [mail.id, rendered.subject, this.clock.now(), SECRET_PARAMS],
      );
      this.logger.log(
        `mail ${mail.id} (${mail.template}, ${mail.language}) ${this.transport.mode === 'smtp' ? 'sent' : 'captured'}`,
      );
      return 'sent' as const;
    });
  }

  private message(mail: MailMessage, rendered: RenderedMail): SendMailOptions {
    return {
      from: this.env.MAIL_FROM,
      to: mail.toName ? { name: mail.toName, address: mail.toAddress } : mail.toAddress,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      // the same id on every attempt lets receiving servers drop a duplicate
      messageId: `<${mail.id}@${this.senderDomain()}>`,
      headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated' },
    };
  }

  /** The files the mail carries, read from storage (a missing file is a permanent failure). */
  private async attachments(mail: MailMessage): Promise<NonNullable<SendMailOptions['attachments']>> {
    const files: NonNullable<SendMailOptions['attachments']> = [];
    for (const ref of mail.attachments ?? []) {
      if (!(await this.storage.exists(ref.storageKey))) {
        throw new PermanentMailError(`Mail ${mail.id}: attachment ${ref.filename} is missing from storage`);
      }
      const chunks: Buffer[] = [];
      for await (const chunk of await this.storage.read(ref.storageKey)) chunks.push(chunk as Buffer);
      files.push({ filename: ref.filename, content: Buffer.concat(chunks), contentType: ref.contentType });
    }
    return files;
  }

  /** Builds the real MIME message and keeps it; a second capture of the same mail adds nothing. */
  private async capture(manager: EntityManager, mail: MailMessage, message: SendMailOptions): Promise<void> {
    const raw = await this.transport.compose(message);
    const parsed = await simpleParser(raw);
    await manager.query(
      `INSERT INTO captured_mail (mail_message_id, to_address, from_address, subject, text_body, html_body, raw, captured_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (mail_message_id) DO NOTHING`,
      [
        mail.id,
        addresses(parsed.to) || mail.toAddress,
        addresses(parsed.from) || this.env.MAIL_FROM,
        parsed.subject ?? '',
        parsed.text ?? '',
        typeof parsed.html === 'string' ? parsed.html : null,
        raw.toString('utf8'),
        this.clock.now(),
      ],
    );
  }

  private async recordFailure(mailId: string, error: unknown, final: boolean): Promise<void> {
    const reason = messageOf(error);
    this.logger.warn(`mail ${mailId} not sent${final ? ' (giving up)' : ''}: ${reason}`);
    try {
      await this.dataSource.query(
        `UPDATE mail_message
            SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END
          WHERE id = $1 AND status <> 'sent'`,
        [mailId, reason, final],
      );
    } catch (recordError) {
      this.logger.error(`could not record the failure of mail ${mailId}: ${messageOf(recordError)}`);
    }
  }

  private senderDomain(): string {
    const match = /@([^\s>]+)>?\s*$/.exec(this.env.MAIL_FROM);
    return match ? match[1] : 'logy.localhost';
  }
}
