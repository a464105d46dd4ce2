import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import { Env } from '@portal/config';

export type MailMode = 'smtp' | 'capture';

/** SMTP connections kept open at most: as many as mails a worker sends at once. */
export const SMTP_CONNECTIONS = 4;

/** How a failed SMTP delivery ended: 5xx replies are permanent, everything else is worth a retry. */
export function smtpResponseCode(error: unknown): number | undefined {
  const code = (error as { responseCode?: unknown } | undefined)?.responseCode;
  return typeof code === 'number' ? code : undefined;
}

export function isPermanentSmtpFailure(error: unknown): boolean {
  const code = smtpResponseCode(error);
  return code !== undefined && code >= 500 && code < 600;
}

/**
 * Where mail goes: SMTP (nodemailer) when SMTP_URL is set, otherwise the embedded catcher,
 * for which the same message is built as MIME (nodemailer's stream transport) and kept.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private smtp: Transporter | undefined;
  private composer: Transporter | undefined;

  constructor(private readonly env: Env) {}

  get mode(): MailMode {
    return this.env.SMTP_URL ? 'smtp' : 'capture';
  }

  /** Hands the message to the SMTP server; resolves once the server accepted it. */
  async sendSmtp(message: SendMailOptions): Promise<void> {
    if (!this.env.SMTP_URL) throw new Error('SMTP_URL is not set');
    this.smtp ??= createTransport({
      url: this.env.SMTP_URL,
      // kept connections, one per mail the worker sends at once (SendMailProcessor's concurrency):
      // a new connection per mail costs a handshake and the server's greeting delay each time
      pool: true,
      maxConnections: SMTP_CONNECTIONS,
      maxMessages: 100,
      // the worker holds the mail's row lock meanwhile: fail in seconds, not minutes
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    await this.smtp.sendMail(message);
  }

  /** The message as the MIME text an SMTP server would have received. */
  async compose(message: SendMailOptions): Promise<Buffer> {
    this.composer ??= createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    const info = (await this.composer.sendMail(message)) as { message: Buffer };
    return info.message;
  }

  onApplicationShutdown(): void {
    this.smtp?.close();
  }
}
