import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { offsetOf, Page, pageOf, PageQueryDto } from '@portal/core';
import { CapturedMail } from './captured-mail.entity';

/** A mail kept by the embedded catcher, as coordinators see it. */
export interface CapturedMailView {
  id: string;
  mailMessageId: string | null;
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string | null;
  capturedAt: Date;
}

function toView(mail: CapturedMail): CapturedMailView {
  return {
    id: mail.id,
    mailMessageId: mail.mailMessageId,
    to: mail.toAddress,
    from: mail.fromAddress,
    subject: mail.subject,
    text: mail.textBody,
    html: mail.htmlBody,
    capturedAt: mail.capturedAt,
  };
}

/** Reads the embedded catcher's mailbox (mail kept when no SMTP server is configured). */
@Injectable()
export class CapturedMailService {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first; `to` narrows to recipients containing it (case-insensitive). */
  async list(page: PageQueryDto, to?: string): Promise<Page<CapturedMailView>> {
    const qb = this.dataSource.getRepository(CapturedMail).createQueryBuilder('m');
    const needle = to?.trim();
    if (needle) {
      const pattern = `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.where(`lower(m.to_address) LIKE :pattern ESCAPE '\\'`, { pattern });
    }
    const [items, total] = await qb
      .orderBy('m.capturedAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .offset(offsetOf(page))
      .limit(page.pageSize)
      .getManyAndCount();
    return pageOf(items.map(toView), total, page);
  }
}
