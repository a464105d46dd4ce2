import { ParsedMail, simpleParser } from 'mailparser';
import { listenSmtpServer, readAll } from './smtp-sink';

export interface SlowSmtpSinkOptions {
  /** How long the server thinks about each message before it answers 250 (or drops it). */
  delayMs: number;
}

export interface SlowSmtpSink {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  /** Every message accepted (answered 250) so far, parsed, in the order of acceptance. */
  mails: ParsedMail[];
  /** Messages whose client hung up before the server answered: never accepted, not in `mails`. */
  dropped: number;
  /**
   * Called synchronously right after the server answered 250 to a message (the reply is
   * written to the socket already), with the number of messages accepted so far.
   */
  onAccepted(listener: ((mail: ParsedMail, accepted: number) => void) | null): void;
  /** Resolves once `predicate` holds for the accepted mails (checked after each acceptance). */
  waitUntil(predicate: (mails: ParsedMail[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on a random loopback port that takes `delayMs` over each message
 * before it accepts it, as a busy server does. A message counts as accepted, and is kept,
 * only when the 250 reply goes to a client that is still connected: one whose client was
 * killed while the server was thinking is dropped (a real server would not deliver a
 * message it never acknowledged). The sink of smtp-sink.ts without the waiting is the
 * right one for everything else.
 */
export async function startSlowSmtpSink(options: SlowSmtpSinkOptions): Promise<SlowSmtpSink> {
  const mails: ParsedMail[] = [];
  const closedSessions = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const checks = new Set<() => void>();
  let listener: ((mail: ParsedMail, accepted: number) => void) | null = null;
  let dropped = 0;

  const server = await listenSmtpServer({
    onClose(session) {
      closedSessions.add(session.id);
    },
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          const mail = await simpleParser(raw);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              timers.delete(timer);
              resolve();
            }, options.delayMs);
            timers.add(timer);
          });
          if (closedSessions.has(session.id)) {
            dropped += 1;
            return;
          }
          mails.push(mail);
          callback(null, 'queued');
          listener?.(mail, mails.length);
          for (const check of checks) check();
        })
        .catch((error: Error) => callback(error));
    },
  });

  return {
    url: server.url,
    mails,
    get dropped() {
      return dropped;
    },
    onAccepted(next) {
      listener = next;
    },
    waitUntil(predicate, timeoutMs = 30_000) {
      if (predicate(mails)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (!predicate(mails)) return;
          checks.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          checks.delete(check);
          reject(new Error(`the sink's mails did not reach the expected state within ${timeoutMs} ms`));
        }, timeoutMs);
        checks.add(check);
      });
    },
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return server.close();
    },
  };
}
