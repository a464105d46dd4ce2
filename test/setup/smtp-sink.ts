import type { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerDataStream, type SMTPServerOptions } from 'smtp-server';

export interface SmtpRejection {
  code: number;
  message: string;
}

export interface SmtpSink {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  /** Every message accepted so far, parsed, in arrival order. */
  mails: ParsedMail[];
  /** The first accepted message matching `predicate` (already received or still to come). */
  waitFor(predicate: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  /** Refuses every following message with this reply (e.g. 550) until called with null. */
  reject(next: SmtpRejection | null): void;
  close(): Promise<void>;
}

interface Waiter {
  predicate: (mail: ParsedMail) => boolean;
  resolve: (mail: ParsedMail) => void;
}

/** The whole message of a DATA command, as sent. */
export function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Every address a parsed mail is addressed to (its To header). */
export const recipients = (mail: ParsedMail): string[] =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((to) => to.value.map((v) => v.address ?? ''));

export interface ListeningSmtpServer {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  close(): Promise<void>;
}

/**
 * A real SMTP server on a random loopback port (no TLS, any or no login, no log) with the
 * given handlers: what the tests' sinks have in common.
 */
export async function listenSmtpServer(
  handlers: Pick<SMTPServerOptions, 'onData' | 'onRcptTo' | 'onClose'>,
): Promise<ListeningSmtpServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 1000,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'test' });
    },
    ...handlers,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A real SMTP server on a random loopback port (no TLS, any or no login), keeping what it receives. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ParsedMail[] = [];
  const waiters = new Set<Waiter>();
  let rejection: SmtpRejection | null = null;

  const server = await listenSmtpServer({
    onData(stream, _session, callback) {
      readAll(stream)
        .then(async (raw) => {
          if (rejection) {
            const error = new Error(rejection.message) as Error & { responseCode: number };
            error.responseCode = rejection.code;
            callback(error);
            return;
          }
          const mail = await simpleParser(raw);
          mails.push(mail);
          for (const waiter of waiters) {
            if (waiter.predicate(mail)) {
              waiters.delete(waiter);
              waiter.resolve(mail);
            }
          }
          callback(null, 'queued');
        })
        .catch((error: Error) => callback(error));
    },
  });

  return {
    url: server.url,
    mails,
    waitFor(predicate, timeoutMs = 10_000) {
      const found = mails.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<ParsedMail>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${mails.length} received)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    reject(next) {
      rejection = next;
    },
    close: server.close,
  };
}
