import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { simpleParser, type ParsedMail } from 'mailparser';
import request from 'supertest';
import { overrideEnv } from '@portal/config';
import { outboxJobId, QUEUES } from '@portal/queue';
import { newCall } from '../factories/calls';
import { anyMunicipality } from '../factories/municipalities';
import { eventually } from '../setup/eventually';
import { closeApiAndWorker, receiptMails, savedEnv, startApiAndWorker } from '../setup/faults';
import { createOwnDatabase, type OwnDatabase } from '../setup/own-database';
import { applicant, post } from '../setup/rush';
import { listenSmtpServer, readAll, recipients, type SmtpRejection } from '../setup/smtp-sink';
import type { TestApp } from '../setup/test-app';
import { isolateQueuePrefix, type TestWorker } from '../setup/test-worker';

/*
 * The SMTP server refusing: 421 (temporary: "try again later") to everyone for a while, and
 * 550 (permanent: no such mailbox) for one address, at RCPT TO as real servers answer. The
 * api and the worker run in the test process on a database of this file's own; mail goes
 * to a real SMTP server of this file (the sink of smtp-sink.ts refuses every message at
 * once; this one decides per recipient and records every attempt with its answer).
 *
 * Asserted: a 421 leaves the mail queued and BullMQ tries again after its backoff (5 s, then
 * doubling); once the server accepts, the mail goes out, once. A 550 marks the mail failed
 * at once, with the server's answer, and its job is failed, not retried; the other mails are
 * delivered. The request that decided the mails never waits for SMTP, and /health does not
 * depend on it (mail is delivered later by design).
 *
 * A worker killed (SIGKILL) while sending mails is in results-faults.e2e-spec.ts (the
 * README's one window for a second copy); no worker dies here, so every mail goes at most once.
 */

const NOW = '2026-03-20T08:00:00Z';
/** The first retry of a job comes after DEFAULT_JOB_OPTIONS' backoff delay, never before. */
const FIRST_BACKOFF_MS = 5_000;
const RECOVERY_MS = 60_000;

interface SmtpAttempt {
  to: string;
  at: number;
  /** The reply to RCPT TO: 250, or the refusal's code. */
  answer: number;
}

interface RefusingSink {
  url: string;
  /** Every message accepted, parsed, in arrival order. */
  mails: ParsedMail[];
  /** Every RCPT TO the server answered, with its answer. */
  attempts: SmtpAttempt[];
  /** Decides the answer to each recipient: a refusal, or null to accept. */
  policy: (to: string) => SmtpRejection | null;
  close(): Promise<void>;
}

/** A real SMTP server on a loopback port that answers each RCPT TO as `policy` says. */
async function startRefusingSink(): Promise<RefusingSink> {
  const sink: Omit<RefusingSink, 'url' | 'close'> = { mails: [], attempts: [], policy: () => null };
  const server = await listenSmtpServer({
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      const rejection = sink.policy(to);
      sink.attempts.push({ to, at: Date.now(), answer: rejection?.code ?? 250 });
      if (!rejection) return callback();
      callback(Object.assign(new Error(rejection.message), { responseCode: rejection.code }));
    },
    onData(stream, _session, callback) {
      readAll(stream)
        .then((raw) => simpleParser(raw))
        .then((mail) => {
          sink.mails.push(mail);
          callback(null, 'queued');
        })
        .catch((error: Error) => callback(error));
    },
  });
  return Object.assign(sink, server);
}

describe('faults: the SMTP server refusing (421 for a while, 550 for one address)', () => {
  let database: OwnDatabase;
  let sink: RefusingSink;
  let t: TestApp;
  let worker: TestWorker;
  const original = savedEnv('DATABASE_URL', 'SMTP_URL');

  beforeAll(async () => {
    [database, sink] = await Promise.all([createOwnDatabase(), startRefusingSink()]);
    isolateQueuePrefix();
    [t, worker] = await startApiAndWorker(NOW, { DATABASE_URL: database.url, SMTP_URL: sink.url });
  }, 120_000);

  afterAll(async () => {
    try {
      await closeApiAndWorker(worker, t);
    } finally {
      await sink?.close();
      await database?.drop();
      overrideEnv(original);
    }
  });

  it('retries a 421 with backoff and delivers once, fails a 550 at once without retrying, delivers the others', async () => {
    // one submission, five approved members: five receipt mails; the second member's mailbox does not exist
    const call = await newCall(t.dataSource);
    const municipality = await applicant(t, call, anyMunicipality().kshCode, 5);
    const { staff, api } = municipality;
    const bad = staff[1].email.toLowerCase();
    const good = staff.filter((s) => s.email.toLowerCase() !== bad).map((s) => s.email.toLowerCase());
    let refusing = true;
    sink.policy = (to) =>
      to === bad
        ? { code: 550, message: '5.1.1 Mailbox unavailable' }
        : refusing
          ? { code: 421, message: '4.3.2 Service not available, try again later' }
          : null;

    const id = municipality.applicationId;
    // the submission does not wait for SMTP
    await post(api, `/api/applications/${id}/submit`).expect(201);
    const ledger = () => receiptMails(t, [municipality]);
    const attemptsTo = (to: string) => sink.attempts.filter((a) => a.to === to);

    // every mail tried once: four answered 421, one 550
    await eventually(() =>
      Promise.resolve(good.every((to) => attemptsTo(to).length >= 1) && attemptsTo(bad).length >= 1),
    );
    expect(sink.mails).toHaveLength(0);
    const during = await ledger();
    expect(during).toHaveLength(5);
    for (const to of good) {
      expect(attemptsTo(to).map((a) => a.answer)).toEqual([421]);
      // still queued: BullMQ will try again
      await eventually(async () => (await ledger()).find((m) => m.to_address === to)?.attempts === 1);
      const row = (await ledger()).find((m) => m.to_address === to);
      expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: expect.stringContaining('421') });
    }
    const refused = await eventually(async () => {
      const row = (await ledger()).find((m) => m.to_address === bad);
      return row?.status === 'failed' && row;
    });
    expect(refused).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringContaining('550') });
    // SMTP is not part of /health: mail is delivered later by design
    expect((await request(t.server).get('/health')).status).toBe(200);

    // the server takes mail again: the retries deliver every good mail, once
    refusing = false;
    const done = await eventually(async () => {
      const rows = await ledger();
      return rows.filter((m) => m.status === 'sent').length === 4 && rows;
    }, RECOVERY_MS);
    for (const to of good) {
      const tries = attemptsTo(to);
      // refused while the server refused (the pooled transport may have tried once more on a new
      // connection when the server closed the one a mail was given to), then accepted once
      expect(tries.map((a) => a.answer)).toEqual([...tries.slice(0, -1).map(() => 421), 250]);
      // retried after the backoff, not at once
      expect(tries.at(-1)!.at - tries[0].at).toBeGreaterThanOrEqual(FIRST_BACKOFF_MS - 50);
      const row = done.find((m) => m.to_address === to);
      expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
      const copies = sink.mails.filter((m) => recipients(m).includes(to));
      expect(copies.map((m) => m.messageId)).toEqual([expect.stringMatching(new RegExp(`^<${row?.id}@`))]);
    }
    expect(sink.mails).toHaveLength(4);

    // the refused mail was not tried again, and its job is failed, with nothing left to retry
    expect(attemptsTo(bad).map((a) => a.answer)).toEqual([550]);
    expect(done.find((m) => m.to_address === bad)).toMatchObject({ status: 'failed', attempts: 1 });
    const [outbox] = await t.dataSource.query<Array<{ id: string; created_at: Date }>>(
      `SELECT id, created_at FROM outbox WHERE payload ->> 'mailId' = $1`,
      [refused.id],
    );
    const queue = worker.module.get<Queue>(getQueueToken(QUEUES.mail));
    const job = await queue.getJob(outboxJobId(outbox.id, outbox.created_at));
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(1);
  }, 120_000);
});
