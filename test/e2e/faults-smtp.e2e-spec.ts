import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import request from 'supertest';
import { overrideEnv } from '@portal/config';
import { outboxJobId, QUEUES } from '@portal/queue';
import { newCall } from '../factories/calls';
import { anyMunicipality } from '../factories/municipalities';
import { newUser, type TestUser } from '../factories/users';
import { eventually } from '../setup/eventually';
import { createOwnDatabase, type OwnDatabase } from '../setup/own-database';
import type { SmtpRejection } from '../setup/smtp-sink';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../setup/test-app';
import { isolateQueuePrefix, startTestWorker, type TestWorker } from '../setup/test-worker';

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

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** A real SMTP server on a loopback port that answers each RCPT TO as `policy` says. */
async function startRefusingSink(): Promise<RefusingSink> {
  const sink: Omit<RefusingSink, 'url' | 'close'> = { mails: [], attempts: [], policy: () => null };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 1000,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'test' });
    },
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(sink, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

const recipients = (mail: ParsedMail): string[] =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((to) => to.value.map((v) => v.address ?? ''));

function post(who: SignedIn, url: string, body: object = {}) {
  return who.agent.post(url).set('X-CSRF-Token', who.csrf).send(body);
}

describe('faults: the SMTP server refusing (421 for a while, 550 for one address)', () => {
  let database: OwnDatabase;
  let sink: RefusingSink;
  let t: TestApp;
  let worker: TestWorker;
  const original = { DATABASE_URL: process.env.DATABASE_URL, SMTP_URL: process.env.SMTP_URL };

  beforeAll(async () => {
    [database, sink] = await Promise.all([createOwnDatabase(), startRefusingSink()]);
    isolateQueuePrefix();
    overrideEnv({ DATABASE_URL: database.url, SMTP_URL: sink.url });
    t = await createTestApp({ now: NOW });
    worker = await startTestWorker({ pollOutbox: true });
  }, 120_000);

  afterAll(async () => {
    try {
      await worker?.close().catch(() => undefined);
      await t?.close().catch(() => undefined);
    } finally {
      await sink?.close();
      await database?.drop();
      overrideEnv(original);
    }
  });

  it('retries a 421 with backoff and delivers once, fails a 550 at once without retrying, delivers the others', async () => {
    // one submission, five approved members: five receipt mails; the second member's mailbox does not exist
    const call = await newCall(t.dataSource);
    const ksh = anyMunicipality().kshCode;
    const staff: TestUser[] = [];
    for (let i = 0; i < 5; i++) {
      staff.push(await newUser(t.dataSource, { municipalityKsh: ksh, name: `Jegyző Ödön ${i + 1}` }));
    }
    const bad = staff[1].email.toLowerCase();
    const good = staff.filter((s) => s.email.toLowerCase() !== bad).map((s) => s.email.toLowerCase());
    let refusing = true;
    sink.policy = (to) =>
      to === bad
        ? { code: 550, message: '5.1.1 Mailbox unavailable' }
        : refusing
          ? { code: 421, message: '4.3.2 Service not available, try again later' }
          : null;

    const api = await signIn(t.server, staff[0].email, staff[0].password);
    const created = await post(api, `/api/calls/${call.id}/applications`, {
      themeId: call.themes[0].id,
      municipalityKsh: ksh,
    }).expect(201);
    const id = created.body.id as string;
    await api.agent
      .patch(`/api/applications/${id}`)
      .set('X-CSRF-Token', api.csrf)
      .send({
        version: created.body.version as number,
        content: {
          title: 'Árvíztűrő közösségi kert',
          summary: 'Összefoglaló.',
          problem: 'Probléma.',
          practice: 'Gyakorlat.',
          results: 'Eredmények.',
          costHuf: 1_000_000,
          communityParticipation: 'Önkéntesek.',
          sustainability: 'Költségvetés.',
          adoption: 'Átvehető.',
          startDate: '2019-09-01',
          contact: { name: 'Őri Dezső', position: 'jegyző', email: 'ori@teszt.hu', phone: '+36 30 123 4567' },
        },
      })
      .expect(200);
    // the submission does not wait for SMTP
    await post(api, `/api/applications/${id}/submit`).expect(201);
    const ledger = async () =>
      t.dataSource.query<
        Array<{ id: string; to_address: string; status: string; attempts: number; last_error: string | null }>
      >(
        `SELECT m.id, m.to_address, m.status, m.attempts, m.last_error FROM mail_message m
           JOIN application_submission s ON m.dedupe_key LIKE 'application-submitted:' || s.id || ':%'
          WHERE s.application_id = $1`,
        [id],
      );
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
      expect(tries.map((a) => a.answer)).toEqual([421, 250]);
      // retried after the backoff, not at once
      expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(FIRST_BACKOFF_MS - 50);
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
