import { Injectable, Logger } from '@nestjs/common';
import { isLang, Lang, normaliseEmail } from '@portal/core';
import type { Tx } from '@portal/database';
import { OutboxService, QUEUES } from '@portal/queue';
import type { MailAttachmentRef } from './mail-message.entity';
import { checkMailParams, MailTemplate } from './mail-templates';

export interface OutgoingMail {
  to: string;
  toName?: string | null;
  lang: Lang;
  template: MailTemplate;
  params: Record<string, string | number>;
  /**
   * What makes this mail unique, e.g. `membership-approved:<membershipId>`: a second
   * send with the same key (a retried request, a repeated job) writes nothing.
   */
  dedupeKey: string;
  /** Files to attach (e.g. a receipt PDF), already in FileStorage. */
  attachments?: MailAttachmentRef[];
}

/**
 * Decides to send a mail: writes it to the e-mail ledger (mail_message) and a `mail/send`
 * job to the outbox, both in the caller's transaction. The worker delivers it after commit.
 */
@Injectable()
export class MailService {
  private readonly logger = new Logger(MailService.name);

  constructor(private readonly outbox: OutboxService) {}

  async send(tx: Tx, mail: OutgoingMail): Promise<void> {
    checkMailParams(mail.template, mail.params);
    if (!isLang(mail.lang)) throw new Error(`Unsupported mail language "${String(mail.lang)}"`);
    const to = normaliseEmail(mail.to);
    if (!to.includes('@')) throw new Error('A mail needs a recipient address');
    if (!mail.dedupeKey.trim()) throw new Error('A mail needs a dedupe key');

    const rows = await tx.manager.query<Array<{ id: string }>>(
      `INSERT INTO mail_message (dedupe_key, to_address, to_name, language, template, params, attachments)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        mail.dedupeKey,
        to,
        mail.toName?.trim() || null,
        mail.lang,
        mail.template,
        JSON.stringify(mail.params),
        JSON.stringify(mail.attachments ?? []),
      ],
    );
    if (rows.length === 0) {
      this.logger.debug(`mail ${mail.dedupeKey} was already decided; not sent again`);
      return;
    }
    await this.outbox.enqueue(tx, QUEUES.mail, 'send', { mailId: rows[0].id });
  }
}
