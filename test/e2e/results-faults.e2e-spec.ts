import { Queue } from 'bullmq';
import type { ParsedMail } from 'mailparser';
import { loadEnv, overrideEnv } from '@portal/config';
import { bullConnection, QUEUES, type QueueName } from '@portal/queue';
import { newJuror, scoringCall, type ScoringCall, seatJurors, wholeRanking } from '../factories/jury';
import { newUser, type TestUser } from '../factories/users';
import { createOwnDatabase, type OwnDatabase } from '../setup/own-database';
import { startRedisServer, type RedisServer } from '../setup/redis-server';
import { startSlowSmtpSink, type SlowSmtpSink } from '../setup/slow-smtp-sink';
import { startSmtpSink, type SmtpSink } from '../setup/smtp-sink';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../setup/test-app';
import { buildWorkerProgram, startWorkerProcess, type WorkerBuild, type WorkerProcess } from '../setup/worker-process';

/*
 * Publishing results when things break: the worker runs as a real child process (the
 * program `npm run start:worker` runs, compiled with swc into test-artifacts/) so that it
 * can be SIGKILLed, and a Redis server of this file's own is stopped and started. The api
 * runs in the test process. Real PostgreSQL (a database of this file's own), Redis and SMTP.
 */

const NOW = new Date('2026-06-10T08:00:00Z');
const DAY = 86_400_000;
/** SendMailProcessor's concurrency: the mails one worker has in flight at most. */
const MAIL_CONCURRENCY = 4;
/**
 * How long BullMQ may take to hand the jobs of a killed worker to another one (a safety
 * limit, not an expectation). The project keeps BullMQ's defaults, with no setting for
 * them: the lock lapses 30 s after its last renewal, and a stalled check (every 30 s per
 * queue, one for all workers: a check within 30 s of the last one, whoever ran it, does
 * nothing) moves only the jobs that the check before had seen active and that have no lock
 * left. Measured: 60-65 s after the restart, or 90-95 s when a check fell on the moment the
 * previous one's 30 s mark lapsed and was skipped (about every other run).
 */
const STALLED_RECOVERY_MS = 150_000;

function put(who: SignedIn, url: string, body: object) {
  return who.agent.put(url).set('X-CSRF-Token', who.csrf).send(body);
}
function post(who: SignedIn, url: string, body: object = {}) {
  return who.agent.post(url).set('X-CSRF-Token', who.csrf).send(body);
}

async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs: number,
  what: string,
  context: () => string = () => '',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The promise's value, or an error after `timeoutMs` (the timer is cleared either way). */
async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const recipients = (mail: ParsedMail): string[] =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((to) => to.value.map((v) => v.address ?? ''));

interface DecidedCall {
  call: ScoringCall;
  coordinator: SignedIn;
  /** The applicants' staff: every one gets one outcome mail per publication. */
  staff: Array<TestUser & { applicationId: string }>;
}

/**
 * A call decided as in results.e2e-spec.ts: scored by four jurors through the api, the
 * round closed, each theme's awards recorded following the ranking, the call decided.
 */
async function decidedCall(t: TestApp, options: { applications: number; staffPerApplication: number }) {
  const call = await scoringCall(t.dataSource, {
    now: NOW,
    applications: options.applications,
    criteria: [
      { nameHu: 'Hatás', nameEn: 'Impact', weight: 1.5, maxPoints: 10, tieBreakOrder: 1 },
      { nameHu: 'Átvehetőség', nameEn: 'Replicability', weight: 1, maxPoints: 10 },
    ],
  });
  const staff: DecidedCall['staff'] = [];
  for (const [a, application] of call.applications.entries()) {
    for (let k = 0; k < options.staffPerApplication; k++) {
      const user = await newUser(t.dataSource, {
        municipalityKsh: application.municipalityKsh,
        name: `Jegyző Ödön ${a + 1}/${k + 1}`,
      });
      staff.push({ ...user, applicationId: application.id });
    }
  }
  const jurors: TestUser[] = [];
  for (const code of ['BM', 'TÖOSZ', 'HOA', 'MÖSZ']) {
    jurors.push(await newJuror(t.dataSource, { organisationCode: code, name: `Bíráló ${code}` }));
  }
  await seatJurors(t.dataSource, call.id, jurors, { addedBy: call.coordinator.id });
  const coordinator = await signIn(t.server, call.coordinator.email, call.coordinator.password);
  await put(coordinator, `/api/calls/${call.id}/jury/settings`, { jurorsPerApplication: 3 }).expect(200);
  const round = await post(coordinator, `/api/calls/${call.id}/rounds`, {
    closesAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
  }).expect(201);
  const roundId = round.body.id as string;
  const criteria = round.body.criteria as Array<{ id: string }>;
  await post(coordinator, `/api/rounds/${roundId}/auto-assign`).expect(200);
  for (const [j, juror] of jurors.entries()) {
    const agent = await signIn(t.server, juror.email, juror.password);
    const mine = await agent.agent.get(`/api/jury/assignments?roundId=${roundId}&pageSize=100`).expect(200);
    for (const assignment of mine.body.items as Array<{ id: string; applicationId: string }>) {
      const a = call.applications.findIndex((x) => x.id === assignment.applicationId);
      await put(agent, `/api/assignments/${assignment.id}/scorecard`, {
        scores: [
          { criterionId: criteria[0].id, points: (a * 3 + j) % 11 },
          { criterionId: criteria[1].id, points: (a * 7 + 2 * j + 1) % 11 },
        ],
        feedback: `Visszajelzés ${a + 1}/${j + 1}: jól átvehető gyakorlat.`,
        submit: true,
      }).expect(200);
    }
  }
  await post(coordinator, `/api/rounds/${roundId}/close`).expect(200);
  const ranking = await wholeRanking(coordinator.agent, roundId);
  for (const theme of call.themes) {
    const ordered = ranking.filter((r) => r.themeId === theme.id).sort((x, y) => (x.rank ?? 99) - (y.rank ?? 99));
    const levels = ['winner', 'commendation'] as const;
    await put(coordinator, `/api/calls/${call.id}/themes/${theme.id}/awards`, {
      awards: ordered.slice(0, 2).map((r, i) => ({ applicationId: r.applicationId, level: levels[i] })),
      // a tie in the ranking would ask for one; with none it is kept as the committee's note
      justification: 'A bizottság a rangsort követi.',
    }).expect(200);
  }
  await post(coordinator, `/api/calls/${call.id}/decide`).expect(200);
  return { call, coordinator, staff } satisfies DecidedCall;
}

/** Observers of this run's BullMQ queues (under `prefix`) on the Redis at `redisUrl`: read only. */
function observeQueues(redisUrl: string, prefix: string): Record<QueueName, Queue> & { close(): Promise<void> } {
  const { retryStrategy: _ignored, ...connection } = bullConnection({ ...loadEnv(), REDIS_URL: redisUrl });
  const queues = Object.fromEntries(
    Object.values(QUEUES).map((name) => {
      const queue = new Queue(name, { connection, prefix: `${prefix}:bull` });
      // while the dedicated Redis is stopped the observer reconnects quietly
      queue.on('error', () => undefined);
      return [name, queue];
    }),
  ) as Record<QueueName, Queue>;
  return Object.assign(queues, {
    close: async () => {
      await Promise.all(Object.values(QUEUES).map((name) => queues[name].close()));
    },
  });
}

/** Until the worker process has a BullMQ worker on every queue (it may then be stopped, killed, or left alone). */
async function workerReady(worker: WorkerProcess, observers: Record<QueueName, Queue>): Promise<void> {
  await eventually(
    async () => {
      if (worker.child.exitCode !== null || worker.child.signalCode !== null) {
        throw new Error(`the worker process ended at start:\n${worker.output()}`);
      }
      for (const name of Object.values(QUEUES)) if ((await observers[name].getWorkers()).length === 0) return false;
      return true;
    },
    60_000,
    'worker process ready',
    worker.output,
  );
}

describe('results under faults: a worker killed while publishing, Redis stopped while publishing', () => {
  let build: WorkerBuild;
  let database: OwnDatabase;
  let redis: RedisServer;
  let t: TestApp;
  let observers: ReturnType<typeof observeQueues>;
  /** Every worker process this file starts: none outlives it, whatever fails. */
  const workers = new Set<WorkerProcess>();
  const original = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL };

  /** The compiled worker program on this file's database and Redis, mailing to `smtpUrl`. */
  function startWorker(smtpUrl: string): WorkerProcess {
    const worker = startWorkerProcess(build, {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: loadEnv().REDIS_PREFIX,
      SMTP_URL: smtpUrl,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
    });
    workers.add(worker);
    return worker;
  }

  /** The outcome mails of the call's first publication in the ledger, with their state. */
  async function ledger(callId: string) {
    return t.dataSource.query<Array<{ id: string; to_address: string; status: string }>>(
      `SELECT id, to_address, status FROM mail_message WHERE dedupe_key LIKE $1 ORDER BY to_address`,
      [`results:${callId}:v1:%`],
    );
  }

  beforeAll(async () => {
    // the real worker program, compiled; a database where its outbox poller meets only this
    // file's rows; a Redis of this file's own, which the second part stops and starts
    [build, database, redis] = await Promise.all([buildWorkerProgram(), createOwnDatabase(), startRedisServer()]);
    overrideEnv({ DATABASE_URL: database.url, REDIS_URL: redis.url });
    // One api for the whole file: a second Nest app in the same test file cannot serve a
    // signed-in request, since the first app's session deserializer stays registered on
    // passport's global instance and fails on its closed DataSource ("Driver not Connected").
    t = await createTestApp({ now: NOW });
    observers = observeQueues(redis.url, loadEnv().REDIS_PREFIX);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...workers].map((worker) => worker.kill('SIGKILL')));
    // closing BullMQ connections waits for a Redis that answers
    if (redis && !redis.running) await redis.start().catch(() => undefined);
    await observers?.close();
    await t?.close();
    await redis?.close();
    await build?.remove();
    await database?.drop();
    overrideEnv(original);
  });

  describe('a worker killed (SIGKILL) in the middle, then started again', () => {
    let sink: SlowSmtpSink;
    let decided: DecidedCall;
    let publicationId: string;
    let worker: WorkerProcess | undefined;
    /** The mail the SMTP server had just accepted when the worker was killed. */
    let killedAfter: Promise<{ mail: ParsedMail; accepted: number }>;
    const KILL_AFTER = 5;

    beforeAll(async () => {
      // ~250 ms per message: with 4 in flight, 30 mails take a couple of seconds
      sink = await startSlowSmtpSink({ delayMs: 250 });
      decided = await decidedCall(t, { applications: 10, staffPerApplication: 3 });
    }, 120_000);

    afterAll(async () => {
      sink?.onAccepted(null);
      await worker?.kill('SIGKILL');
      await sink?.close();
    });

    it('finishes the publish job whose worker was killed in the middle of it, no mail decided twice', async () => {
      // One outcome mail's dedupe key, held in an open transaction: the publish job's last
      // step (every outcome mail to the ledger and the outbox, and "completed", in one
      // transaction) waits at that mail's INSERT, halfway through the applications.
      const middle = [...decided.call.applications].sort((x, y) => (x.id < y.id ? -1 : 1))[5];
      const held = decided.staff.filter((s) => s.applicationId === middle.id).sort((x, y) => (x.id < y.id ? -1 : 1))[0];
      const blocker = t.dataSource.createQueryRunner();
      await blocker.connect();
      try {
        await blocker.startTransaction();
        await blocker.query(
          `INSERT INTO mail_message (dedupe_key, to_address, language, template) VALUES ($1, $2, 'hu', 'results-outcome')`,
          [`results:${decided.call.id}:v1:${middle.id}:${held.id}`, held.email],
        );
        const [{ pid }] = (await blocker.query(`SELECT pg_backend_pid() AS pid`)) as Array<{ pid: number }>;

        const workerA = startWorker(sink.url);
        await workerReady(workerA, observers);
        const requested = await post(decided.coordinator, `/api/calls/${decided.call.id}/publications`);
        expect(requested.status).toBe(202);
        publicationId = requested.body.id as string;

        // the worker's transaction waits for ours: the job is in the middle of its last step
        await eventually(
          async () => {
            const [{ n }] = await t.dataSource.query<Array<{ n: number }>>(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`,
              [pid],
            );
            return n > 0;
          },
          60_000,
          'the publish job waiting at the held mail',
          workerA.output,
        );
        workerA.child.kill('SIGKILL');
        expect(await workerA.exited).toEqual({ code: null, signal: 'SIGKILL' });
      } finally {
        await blocker.rollbackTransaction().catch(() => undefined);
        await blocker.release();
      }

      // nothing of the last step was committed: no mail decided, none sent, not completed
      const [half] = await t.dataSource.query<Array<{ status: string; attempts: number; sha256: string | null }>>(
        `SELECT status, attempts, sha256 FROM publication WHERE id = $1`,
        [publicationId],
      );
      expect(half).toMatchObject({ status: 'running', attempts: 1, sha256: expect.any(String) });
      expect(await ledger(decided.call.id)).toEqual([]);
      expect(sink.mails).toHaveLength(0);

      // the next worker takes over the job once BullMQ finds it stalled; it is killed in
      // turn right after the SMTP server has accepted the fifth outcome mail (next test)
      let resolveKilled: (value: { mail: ParsedMail; accepted: number }) => void = () => undefined;
      killedAfter = new Promise((resolve) => (resolveKilled = resolve));
      const workerB = startWorker(sink.url);
      worker = workerB;
      sink.onAccepted((mail, accepted) => {
        if (accepted < KILL_AFTER) return;
        sink.onAccepted(null);
        // synchronous: the worker is gone before it can read the 250 and mark the mail sent
        workerB.child.kill('SIGKILL');
        resolveKilled({ mail, accepted });
      });

      const done = await eventually(
        async () => {
          const res = await decided.coordinator.agent.get(`/api/publications/${publicationId}`);
          return res.body.status === 'completed' ? (res.body as Record<string, unknown>) : null;
        },
        STALLED_RECOVERY_MS,
        'the publication completed by the second worker',
        workerB.output,
      );
      // the second run repeated nothing done already: the same snapshot, every file, one mail per member
      expect(done).toMatchObject({
        attempts: 2,
        sha256: half.sha256,
        files: { listHu: true, listEn: true, certificates: 6 },
        mails: { total: decided.staff.length },
      });
      expect(new Set((await ledger(decided.call.id)).map((m) => m.to_address)).size).toBe(decided.staff.length);
    }, 300_000);

    it('sends every outcome mail after a worker killed while sending is started again: twice only within the documented window', async () => {
      const killed = await within(killedAfter, 60_000, `the mail no. ${KILL_AFTER} accepted`);
      const workerB = worker as WorkerProcess;
      expect(await workerB.exited).toEqual({ code: null, signal: 'SIGKILL' });

      // some mails, not all, had gone out; the ledger says sent only of mails the server took
      const total = decided.staff.length;
      expect(total).toBe(30);
      const arrived = sink.mails.length;
      expect(arrived).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(arrived).toBeLessThan(total);
      const sentBefore = (await ledger(decided.call.id)).filter((m) => m.status === 'sent');
      expect(sentBefore.length).toBeLessThan(arrived);
      expect(sentBefore.map((m) => m.to_address)).not.toContain(recipients(killed.mail)[0]);

      const workerC = startWorker(sink.url);
      worker = workerC;
      const mails = await eventually(
        async () => {
          const rows = await ledger(decided.call.id);
          return rows.length === total && rows.every((m) => m.status === 'sent') && rows;
        },
        STALLED_RECOVERY_MS,
        'every outcome mail sent after the restart',
        workerC.output,
      );
      const publication = await decided.coordinator.agent.get(`/api/publications/${publicationId}`).expect(200);
      expect(publication.body).toMatchObject({ status: 'completed', mails: { total, sent: total, failed: 0 } });
      // and the mail queue has nothing left to run (jobs of mails sent meanwhile find them sent)
      await eventually(
        async () => {
          const counts = await observers.mail.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          return Object.values(counts).every((n) => n === 0);
        },
        30_000,
        'the mail queue idle',
        workerC.output,
      );

      // at the SMTP server: every member got the outcome mail
      const copies = new Map<string, ParsedMail[]>();
      for (const member of decided.staff) {
        copies.set(
          member.email,
          sink.mails.filter((m) => recipients(m).includes(member.email)),
        );
      }
      for (const [email, list] of copies)
        expect({ email, atLeastOnce: list.length >= 1 }).toEqual({ email, atLeastOnce: true });
      expect(sink.mails).toHaveLength([...copies.values()].reduce((n, list) => n + list.length, 0));
      // A second copy only in the documented window: the SMTP server had accepted the mail
      // when the worker died, before its "sent" was committed. The window is one mail per
      // concurrency slot, not one in all: each of the worker's MAIL_CONCURRENCY deliveries in
      // flight can be in it at the kill. The one accepted just before the kill always is (the
      // kill follows its 250 at once); another is when the server accepted it before it saw
      // the connection drop, which is common, as the worker's four deliveries tend to run in
      // step. So: at most MAIL_CONCURRENCY duplicates, each sent again with the Message-ID of
      // its first copy (the mail's ledger id), by which receiving servers can drop it.
      const duplicates = [...copies.entries()].filter(([, list]) => list.length > 1);
      expect(duplicates.length).toBeGreaterThanOrEqual(1);
      expect(duplicates.length).toBeLessThanOrEqual(MAIL_CONCURRENCY);
      expect(duplicates.map(([email]) => email)).toContain(recipients(killed.mail)[0]);
      const ledgerIds = new Map(mails.map((m) => [m.to_address, m.id]));
      for (const [email, list] of duplicates) {
        expect({ email, copies: list.length }).toEqual({ email, copies: 2 });
        const domain = /@([^\s>]+)>?\s*$/.exec(loadEnv().MAIL_FROM)?.[1];
        expect(list.map((m) => m.messageId)).toEqual([
          `<${ledgerIds.get(email)}@${domain}>`,
          `<${ledgerIds.get(email)}@${domain}>`,
        ]);
      }
    }, 300_000);
  });

  describe('Redis stopped while publishing, then started again', () => {
    let sink: SmtpSink;
    let decided: DecidedCall;
    let worker: WorkerProcess;

    beforeAll(async () => {
      sink = await startSmtpSink();
      decided = await decidedCall(t, { applications: 4, staffPerApplication: 2 });
      worker = startWorker(sink.url);
      // started while Redis runs (a worker that finds no Redis at start stops at once)
      await workerReady(worker, observers);
    }, 120_000);

    afterAll(async () => {
      await worker?.kill('SIGKILL');
      await sink?.close();
    });

    it('accepts the publication while Redis is down and completes it once Redis is back, every mail once', async () => {
      await redis.stop();
      expect(redis.running).toBe(false);

      const requested = await post(decided.coordinator, `/api/calls/${decided.call.id}/publications`);
      expect(requested.status).toBe(202);
      const id = requested.body.id as string;
      // in PostgreSQL: the publication, and its job in the outbox, which the relays could not hand over
      const [publication] = await t.dataSource.query<Array<{ status: string }>>(
        `SELECT status FROM publication WHERE id = $1`,
        [id],
      );
      expect(publication.status).toBe('queued');
      const pending = await eventually(
        async () => {
          const [row] = await t.dataSource.query<
            Array<{ relayed_at: Date | null; relay_attempts: number; last_error: string | null }>
          >(`SELECT relayed_at, relay_attempts, last_error FROM outbox WHERE payload ->> 'publicationId' = $1`, [id]);
          return row && row.relay_attempts >= 1 && row;
        },
        30_000,
        'a failed relay recorded',
        worker.output,
      );
      expect(pending.relayed_at).toBeNull();
      expect(pending.last_error).toMatch(/Redis/);
      expect(sink.mails).toHaveLength(0);

      await redis.start();
      const done = await eventually(
        async () => {
          const res = await decided.coordinator.agent.get(`/api/publications/${id}`);
          return res.body.status === 'completed' && res.body.mails.sent === decided.staff.length && res.body;
        },
        60_000,
        'the publication completed after Redis came back',
        worker.output,
      );
      expect(done).toMatchObject({ version: 1, attempts: 1, mails: { total: decided.staff.length, failed: 0 } });
      const [{ n }] = await t.dataSource.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`,
      );
      expect(n).toBe(0);
      // at the SMTP server: exactly one mail per applicant's staff member
      for (const member of decided.staff) {
        const mails = sink.mails.filter((m) => recipients(m).includes(member.email));
        expect({ to: member.email, mails: mails.length }).toEqual({ to: member.email, mails: 1 });
      }
      expect(sink.mails).toHaveLength(decided.staff.length);
    }, 120_000);
  });
});
