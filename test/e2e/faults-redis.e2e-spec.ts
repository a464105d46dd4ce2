import { execFileSync } from 'node:child_process';
import { Queue } from 'bullmq';
import request from 'supertest';
import { loadEnv, overrideEnv } from '@portal/config';
import { bullConnection, QUEUES } from '@portal/queue';
import { newCall } from '../factories/calls';
import { anyMunicipalities } from '../factories/municipalities';
import { eventually } from '../setup/eventually';
import {
  bounded,
  closeApiAndWorker,
  pendingOutboxRows,
  receiptMails,
  savedEnv,
  startApiAndWorker,
} from '../setup/faults';
import { createOwnDatabase, type OwnDatabase } from '../setup/own-database';
import { REDIS_SERVER_BINARY, startRedisServer, type RedisServer } from '../setup/redis-server';
import { applicant, openRound, patch, post, put, type Applicant } from '../setup/rush';
import { startSlowSmtpSink, type SlowSmtpSink } from '../setup/slow-smtp-sink';
import { recipients } from '../setup/smtp-sink';
import type { TestApp } from '../setup/test-app';
import type { TestWorker } from '../setup/test-worker';

/*
 * Faults of Redis, on a redis-server of this file's own (started as STACK.md starts the
 * machine's: no persistence, so a stopped and started server comes back empty) and a
 * database of this file's own (its outbox is this file's alone, so the worker's outbox
 * poller meets only this file's rows). The api and the worker (with its outbox poller, as
 * `npm run start:worker` runs it) run in the test process; mail goes to a real SMTP server
 * that takes a moment over each message, so that jobs are still waiting or in flight when
 * Redis goes.
 *
 * Proven elsewhere, not repeated here: Redis stopped while results are being published, and
 * the worker killed (SIGKILL) in the middle of publishing and of sending the outcome mails
 * (test/e2e/results-faults.e2e-spec.ts, with a real worker process).
 *
 * The mail guarantee asserted here is the strict one: every mail exactly once at the SMTP
 * server. The README's one window for a second copy (a mail the server accepted just before
 * its worker died, sent again with the same Message-ID) needs a worker that dies; none does
 * here.
 */

const NOW = '2026-03-20T08:00:00Z';
/** A safety limit for what the worker does after a fault (not an expected duration). */
const RECOVERY_MS = 60_000;

describe('faults: Redis stopped, and restarted empty (a redis-server of this file), with a rush of requests', () => {
  let database: OwnDatabase;
  let redis: RedisServer;
  let sink: SlowSmtpSink;
  let t: TestApp;
  let worker: TestWorker;
  let observer: Queue;
  const original = savedEnv('DATABASE_URL', 'REDIS_URL', 'SMTP_URL');

  /** The receipt mails of `applicants`' submissions in the ledger, with their state. */
  const ledger = (applicants: Applicant[]) => receiptMails(t, applicants);

  /** The copies of mails to `address` the SMTP server accepted. */
  const copiesTo = (address: string) => sink.mails.filter((m) => recipients(m).includes(address));

  async function health() {
    return request(t.server).get('/health');
  }

  beforeAll(async () => {
    // ~100 ms over each message: a few mails are always in flight, the rest wait in Redis
    [database, redis, sink] = await Promise.all([
      createOwnDatabase(),
      startRedisServer(),
      startSlowSmtpSink({ delayMs: 100 }),
    ]);
    [t, worker] = await startApiAndWorker(NOW, {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      SMTP_URL: sink.url,
    });
    const { retryStrategy: _ignored, ...connection } = bullConnection(loadEnv());
    observer = new Queue(QUEUES.mail, { connection, prefix: `${loadEnv().REDIS_PREFIX}:bull` });
    observer.on('error', () => undefined);
  }, 120_000);

  afterAll(async () => {
    try {
      // closing BullMQ connections waits for a Redis that answers
      if (redis && !redis.running) await bounded(redis.start(), 'redis start');
      await bounded(observer?.close(), 'observer close');
      await closeApiAndWorker(worker, t);
    } finally {
      await bounded(sink?.close(), 'sink close');
      await redis?.close();
      await bounded(database?.drop(), 'database drop');
      overrideEnv(original);
    }
  }, 90_000);

  it('takes submissions, draft saves and scorecards while Redis is down, and mails every receipt once when it is back', async () => {
    const call = await newCall(t.dataSource);
    const municipalities = anyMunicipalities(12).map((m) => m.kshCode);
    const applicants: Applicant[] = [];
    for (const ksh of municipalities) applicants.push(await applicant(t, call, ksh));
    const [waveA, waveB, drafts] = [applicants.slice(0, 4), applicants.slice(4, 8), applicants.slice(8)];
    const round = await openRound(t, NOW);
    expect((await health()).status).toBe(200);

    // the rush: four submissions while Redis stops, four more and the rest after it stopped
    const [answersA] = await Promise.all([
      Promise.all(waveA.map((a) => post(a.api, `/api/applications/${a.applicationId}/submit`))),
      redis.stop(),
    ]);
    expect(redis.running).toBe(false);
    const [answersB, saves, cards, down] = await Promise.all([
      Promise.all(waveB.map((a) => post(a.api, `/api/applications/${a.applicationId}/submit`))),
      Promise.all(
        drafts.map((a) =>
          patch(a.api, `/api/applications/${a.applicationId}`, {
            version: a.version,
            content: { summary: `Redis nélkül mentve ${a.applicationId}` },
          }),
        ),
      ),
      Promise.all(
        round.cards.map((card, i) =>
          put(card.juror, `/api/assignments/${card.assignmentId}/scorecard`, {
            scores: round.criteria.map((criterionId, c) => ({ criterionId, points: (i + c) % 5 })),
            submit: true,
          }),
        ),
      ),
      health(),
    ]);
    // every request was answered as if nothing had happened
    expect([...answersA, ...answersB].map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(saves.map((r) => r.status)).toEqual(Array(drafts.length).fill(200));
    expect(cards.map((r) => r.status)).toEqual(Array(round.cards.length).fill(200));
    // /health: 503 naming Redis (the database is fine)
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 'error',
      error: { redis: { status: 'down' } },
      info: { database: { status: 'up' } },
    });

    // every acknowledged change is in PostgreSQL
    const submitted = await t.dataSource.query<Array<{ application_id: string; n: number }>>(
      `SELECT application_id, count(*)::int AS n FROM application_submission
        WHERE application_id = ANY($1::uuid[]) GROUP BY application_id`,
      [[...waveA, ...waveB].map((a) => a.applicationId)],
    );
    expect(submitted).toHaveLength(8);
    expect(submitted.every((row) => row.n === 1)).toBe(true);
    for (const a of drafts) {
      const [row] = await t.dataSource.query<Array<{ summary: string; version: number }>>(
        `SELECT content ->> 'summary' AS summary, version FROM application WHERE id = $1`,
        [a.applicationId],
      );
      expect(row).toEqual({ summary: `Redis nélkül mentve ${a.applicationId}`, version: a.version + 1 });
    }
    const scored = await t.dataSource.query<Array<{ status: string; n: number }>>(
      `SELECT a.status, count(s.*)::int AS n FROM assignment a JOIN score s ON s.assignment_id = a.id
        WHERE a.id = ANY($1::uuid[]) GROUP BY a.id, a.status`,
      [round.cards.map((c) => c.assignmentId)],
    );
    expect(scored).toEqual(round.cards.map(() => ({ status: 'submitted', n: round.criteria.length })));

    // the receipts of wave B (the PDF, then its mails) wait in the outbox, which cannot reach Redis
    await eventually(async () => {
      const [row] = await t.dataSource.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM outbox o JOIN application_submission s ON o.payload ->> 'submissionId' = s.id::text
          WHERE o.queue = 'documents' AND o.relayed_at IS NULL AND o.relay_attempts >= 1 AND o.last_error ILIKE '%redis%'
            AND s.application_id = ANY($1::uuid[])`,
        [waveB.map((a) => a.applicationId)],
      );
      return row.n === 4;
    }, RECOVERY_MS);
    expect(await ledger(waveB)).toHaveLength(0);
    for (const a of waveB) expect(copiesTo(a.staff[0].email)).toHaveLength(0);

    // Redis is back (empty, as a server without persistence restarts): everything goes out by itself
    await redis.start();
    await eventually(async () => (await health()).status === 200, RECOVERY_MS);
    const all = [...waveA, ...waveB];
    await eventually(async () => {
      const rows = await ledger(all);
      return rows.length === 8 && rows.every((m) => m.status === 'sent');
    }, RECOVERY_MS);
    expect(await pendingOutboxRows(t)).toBe(0);
    // exactly one receipt mail per submission at the SMTP server, with the ledger's Message-ID
    const ids = new Map((await ledger(all)).map((m) => [m.to_address, m.id]));
    for (const a of all) {
      const email = a.staff[0].email;
      expect({ email, copies: copiesTo(email).map((m) => m.messageId) }).toEqual({
        email,
        copies: [expect.stringContaining(`<${ids.get(email)}@`)],
      });
    }
    expect(sink.mails).toHaveLength(8);
  }, 180_000);

  describe.each([
    ['restarted (a server without persistence comes back empty)', 'restart'],
    ['emptied in place (FLUSHALL)', 'flushall'],
  ] as const)('Redis %s while mail jobs wait and are in flight', (_title, how) => {
    it('sends every mail exactly once', async () => {
      const call = await newCall(t.dataSource);
      // two submissions, ten approved members each: twenty receipt mails at once
      const applicants: Applicant[] = [];
      for (const ksh of anyMunicipalities(2).map((m) => m.kshCode)) applicants.push(await applicant(t, call, ksh, 10));
      const before = sink.mails.length;
      let lost: Promise<void> | undefined;
      let waitingAtLoss = -1;
      // the fault strikes right after the SMTP server accepted the third of these mails
      sink.onAccepted((_mail, accepted) => {
        if (accepted < before + 3 || lost) return;
        lost = (async () => {
          waitingAtLoss = await observer.getWaitingCount();
          if (how === 'restart') {
            await redis.stop();
            await redis.start();
          } else {
            execFileSync(REDIS_SERVER_BINARY.replace(/-server$/, '-cli'), ['-p', String(redis.port), 'FLUSHALL']);
          }
        })();
      });
      try {
        const answers = await Promise.all(
          applicants.map((a) => post(a.api, `/api/applications/${a.applicationId}/submit`)),
        );
        expect(answers.map((r) => r.status)).toEqual([201, 201]);
        await eventually(() => Promise.resolve(lost !== undefined), RECOVERY_MS);
        await lost;
      } finally {
        sink.onAccepted(null);
      }
      // the fault did hit jobs that were still waiting in Redis
      expect(waitingAtLoss).toBeGreaterThan(0);
      expect(sink.mails.length - before).toBeLessThan(20);

      const staff = applicants.flatMap((a) => a.staff);
      await eventually(async () => {
        const rows = await ledger(applicants);
        return rows.length === 20 && rows.every((m) => m.status === 'sent');
      }, RECOVERY_MS);
      const ids = new Map((await ledger(applicants)).map((m) => [m.to_address, m.id]));
      for (const member of staff) {
        expect({ email: member.email, copies: copiesTo(member.email).map((m) => m.messageId) }).toEqual({
          email: member.email,
          copies: [expect.stringContaining(`<${ids.get(member.email)}@`)],
        });
      }
      expect(sink.mails.length - before).toBe(20);
      expect((await health()).status).toBe(200);
    }, 120_000);
  });
});
