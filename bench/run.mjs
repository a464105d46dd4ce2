// npm run bench [-- scenario ...]: the portal against a raw node:http + pg baseline doing the
// same SQL, in the same run, alternating; loopback only, bounded in time. Prints one table and
// writes it as JSON under bench/results/. Without a scenario named, the default ones run
// (municipalities, rush, scoring, public); opt-in ones (publish, ranking) run only when named.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import pg from 'pg';
import { drive, httpClient, inParallel, quantile } from './load.mjs';
import { startMailSink } from './mail-sink.mjs';
import {
  completedPublication,
  expectedOutcomeMails,
  outcomeMails,
  PUBLISH_SIZE,
  resetPublication,
  seedPublishCall,
} from './publish-seed.mjs';
import { BENCH_COORDINATOR, ensureCoordinator, RANKING_SIZES, seedRankingCall } from './ranking-seed.mjs';
import {
  applicantEmail,
  BENCH_PASSWORD,
  countRush,
  ensureApplicants,
  resetRushCall,
  rushApplications,
  seedRushCall,
} from './rush-seed.mjs';
import { jurorEmail, SCORING_SHAPE, scoringWork, seedScoringCall } from './scoring-seed.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const BASE_DB = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/logy_portal';
const dbUrl = new URL(BASE_DB);
dbUrl.pathname = '/logy_bench';
const DATABASE_URL = dbUrl.toString();
const API_PORT = 3101;
const BASE_PORT = 3102;
const REDIS_PREFIX = 'logy-bench';
const REDIS = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
/** BullMQ's view of the api's and worker's queues (keys under `<REDIS_PREFIX>:bull`). */
const queueOf = (name) =>
  new Queue(name, {
    connection: { host: REDIS.hostname, port: Number(REDIS.port || 6379), db: Number(REDIS.pathname.slice(1) || 0) },
    prefix: `${REDIS_PREFIX}:bull`,
  });
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

// e.g. BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" for a CPU profile of the api (written when it stops)
// the api's and the worker's node flags, read from package.json's start:api and start:worker (BENCH_*_NODE_ARGS replaces them)
const startScripts = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts;
const startFlags = (program) => startScripts[`start:${program}`].split(/\s+/).filter((part) => part.startsWith('--'));
const nodeArgs = (name, program) => (process.env[name]?.split(' ') ?? startFlags(program)).filter(Boolean);

const SEARCH_TERMS = ['gyor', 'Győr', 'BUDAPEST', 'szent', 'falu', 'kis', 'debrecen', 'ő', 'hegy', 'alsó'];

/** What the scenarios share in one run: the bench's own pool, sessions, the SMTP sink. */
const ctx = {
  /** @type {pg.Pool} */
  pool: undefined,
  env: undefined,
  coordinatorId: undefined,
  coordinator: undefined,
  sink: undefined,
};

/**
 * A scenario gives one or more cases to load: `seed(pool)` (optional) runs before the servers
 * start, `cases()` once both answer. Each case loads the portal and the baseline with its own
 * requests (and, for the portal, headers such as a session cookie) through autocannon, or with
 * its own `drive({ seconds, warmup })` (multi-step flows, publications); `prepare(side)` runs
 * before each run of a side (warm-up included), `verify(side)` after each timed run, answering
 * what it counted and what was wrong, `finish()` after the last. `optIn` scenarios run only
 * when named; `amount` bounds a run by requests instead of seconds; in a `strict` scenario any
 * non-2xx answer (or a run where nothing was answered) fails it.
 */
const scenarios = {
  /** GET /api/municipalities?q=: accent-insensitive register search, first page. */
  municipalities: {
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmupSeconds: SECONDS,
    cases() {
      const requests = SEARCH_TERMS.map((q) => ({
        method: 'GET',
        path: `/api/municipalities?q=${encodeURIComponent(q)}`,
      }));
      return [{ name: 'municipalities', portal: { requests }, baseline: { requests } }];
    },
  },

  /**
   * The last minutes before a deadline: every municipality of the register (one bench applicant
   * each, signed in before the timed part) saves its draft (PATCH /api/applications/:id on
   * version 1) and submits it (POST …/submit with the saved version), 50 at a time. The baseline
   * does the same two steps' SQL on its own copy of the drafts. Afterwards the database is
   * counted: every application submitted exactly once with the saved field, and (portal) one
   * receipt job queued per submission (no worker runs: the receipt PDFs and mails come later). A run is the whole register once, not a number of seconds.
   */
  rush: {
    strict: true,
    connections: CONNECTIONS,
    rounds: Number(process.env.BENCH_RUSH_ROUNDS ?? 1),
    warmupFlows: Number(process.env.BENCH_RUSH_WARMUP ?? 100),
    // the call closes this many minutes after a run starts: what is not submitted by then is late
    deadlineMinutes: Number(process.env.BENCH_RUSH_DEADLINE_MINUTES ?? 3),
    // after the deadline the rest is refused quickly; this only guards against a hang
    get timeoutSeconds() {
      return this.deadlineMinutes * 60 + 120;
    },
    async seed(pool) {
      const limit = process.env.BENCH_RUSH_APPLICANTS ? Number(process.env.BENCH_RUSH_APPLICANTS) : undefined;
      const applicants = await ensureApplicants(pool, limit);
      this.callIds = {
        portal: await seedRushCall(pool, 'portal', applicants),
        baseline: await seedRushCall(pool, 'baseline', applicants),
      };
    },
    async cases() {
      const { pool } = ctx;
      const work = {
        portal: await rushApplications(pool, this.callIds.portal),
        baseline: await rushApplications(pool, this.callIds.baseline),
      };
      const started = performance.now();
      const sessions = await signInMany(work.portal.map((a) => applicantEmail(a.ksh)));
      const signInSeconds = (performance.now() - started) / 1000;
      console.log(`rush: ${sessions.length} applicants signed in in ${signInSeconds.toFixed(1)} s`);
      const scenario = scenarios.rush;
      const flows = (side, items) => {
        let next = 0;
        return () => {
          if (next >= items.length) return null;
          const index = next++;
          const application = items[index];
          const headers = side === 'portal' ? sessions[index].headers : {};
          return async (call) => {
            const saved = await call('save', {
              method: 'PATCH',
              path: `/api/applications/${application.id}`,
              headers,
              body: { version: 1, content: draftChange(application) },
            });
            if (saved?.status !== 200) return;
            const { version } = JSON.parse(saved.text);
            await call('submit', {
              method: 'POST',
              path: `/api/applications/${application.id}/submit`,
              headers,
              body: { version },
            });
          };
        };
      };
      const run =
        (side, port) =>
        async ({ warmup }) => {
          const items = warmup ? work[side].slice(0, scenario.warmupFlows) : work[side];
          return drive({
            port,
            connections: scenario.connections,
            next: flows(side, items),
            timeoutSeconds: scenario.timeoutSeconds,
          });
        };
      return [
        {
          name: 'rush',
          warmup: this.warmupFlows > 0,
          prepare: (side) => resetRushCall(pool, this.callIds[side], this.deadlineMinutes),
          // the receipt jobs (their rows go with the next reset) are not left in Redis
          finish: () => clearMailJobs(['documents']),
          portal: { drive: run('portal', API_PORT) },
          baseline: { drive: run('baseline', BASE_PORT) },
          async verify(side, result) {
            const counts = await countRush(pool, scenario.callIds[side]);
            const n = counts.applications;
            const problems = [];
            if (counts.submitted !== n) problems.push(`${n - counts.submitted} of ${n} applications not submitted`);
            if (counts.submissions !== counts.submitted || counts.submitted_once !== counts.submitted) {
              problems.push(
                `${counts.submissions} submissions of ${counts.submitted_once} applications for ${counts.submitted} submitted`,
              );
            }
            if (counts.extra_submissions) problems.push(`${counts.extra_submissions} submissions beyond the first`);
            if (counts.saved !== n) problems.push(`${n - counts.saved} of ${n} saved drafts lost`);
            if (counts.submissions_with_save !== counts.submissions) {
              problems.push(
                `${counts.submissions - counts.submissions_with_save} submissions without the saved change`,
              );
            }
            if (side === 'portal' && counts.receipt_jobs !== counts.submissions) {
              problems.push(`${counts.receipt_jobs} receipt jobs queued for ${counts.submissions} submissions`);
            }
            if (result.timedOut) problems.push(`not done within ${scenario.timeoutSeconds} s`);
            const flowsPerSecond = Math.round((counts.submitted / result.duration) * 10) / 10;
            return {
              counts: side === 'portal' ? counts : { ...counts, receipt_jobs: undefined },
              problems,
              details: { flows_per_s: flowsPerSecond },
            };
          },
          details: { applicants: work.portal.length, sign_in_s: Math.round(signInSeconds * 10) / 10 },
        },
      ];
    },
  },

  /**
   * 40 jurors saving scorecards at once (PUT /api/assignments/:id/scorecard, all 10 criteria,
   * as a draft), each going round its own 50 assignments of an open round; the baseline runs
   * the same upserts on the same rows (the two sides never run at the same time).
   */
  scoring: {
    strict: true,
    connections: SCORING_SHAPE.jurors,
    seconds: SECONDS,
    warmupSeconds: SECONDS,
    async seed(pool) {
      ctx.coordinatorId ??= await ensureCoordinator(pool);
      this.ids = await seedScoringCall(pool, ctx.coordinatorId);
    },
    async cases() {
      const { byJuror, criteria } = await scoringWork(ctx.pool, this.ids.roundId);
      const emails = Array.from({ length: SCORING_SHAPE.jurors }, (_, j) => jurorEmail(j));
      const sessions = await signInMany(emails);
      const jobs = (side) => {
        const turn = new Array(emails.length).fill(0);
        return (worker) => {
          const j = worker % emails.length;
          const own = byJuror.get(emails[j]);
          const i = turn[j]++;
          const assignmentId = own[i % own.length];
          const headers = side === 'portal' ? sessions[j].headers : {};
          // points vary from save to save, always within each criterion's scale
          const scores = criteria.map((c, k) => ({ criterionId: c.id, points: (i + j + k) % (c.max + 1) }));
          return (call) =>
            call('save', {
              method: 'PUT',
              path: `/api/assignments/${assignmentId}/scorecard`,
              headers,
              body: { scores },
            });
        };
      };
      const run =
        (side, port) =>
        ({ seconds }) =>
          drive({ port, connections: this.connections, next: jobs(side), seconds, timeoutSeconds: seconds + 60 });
      return [
        {
          name: 'scoring',
          portal: { drive: run('portal', API_PORT) },
          baseline: { drive: run('baseline', BASE_PORT) },
          details: {
            jurors: emails.length,
            assignments: [...byJuror.values()].reduce((n, list) => n + list.length, 0),
            criteria: criteria.length,
          },
        },
      ];
    },
  },

  /**
   * A decided call of 3,000 applications published end to end (POST /api/calls/:id/publications,
   * then GET /api/publications/:id until done): the worker (started for it, mail to the bench's
   * SMTP sink) freezes the snapshot, renders the PDFs and sends one outcome mail per member of
   * each applicant municipality; done when every one was accepted by the sink. The baseline sends
   * the same number of mails through nodemailer to the same sink, 4 at a time (the worker's mail
   * concurrency), after one query for the recipients.
   */
  publish: {
    // opt-in: a publication and its baseline take minutes (public publishes once, untimed, if needed)
    optIn: true,
    strict: true,
    connections: 1,
    rounds: 1,
    warmupSeconds: 0,
    timeoutSeconds: Number(process.env.BENCH_PUBLISH_TIMEOUT ?? 180),
    async seed(pool) {
      await seedPublishScenario(pool);
    },
    async cases() {
      const { pool } = ctx;
      const callId = ctx.publishCall.callId;
      const expected = await expectedOutcomeMails(pool, callId);
      ctx.sink ??= await startMailSink();
      const scenario = scenarios.publish;
      const outcomes = {};
      return [
        {
          name: 'publish',
          async prepare(side) {
            if (side === 'portal') await resetPublication(pool, callId);
            ctx.sink.clear();
          },
          portal: {
            async drive() {
              const outcome = await publishThroughPortal(callId, expected.mails, scenario.timeoutSeconds);
              outcomes.portal = outcome;
              return outcome.result;
            },
          },
          baseline: {
            async drive() {
              const outcome = await publishBaseline(callId);
              outcomes.baseline = outcome;
              return outcome.result;
            },
          },
          async verify(side) {
            const outcome = outcomes[side];
            const problems = [...outcome.problems];
            if (outcome.received !== expected.mails)
              problems.push(`${outcome.received} mails received for ${expected.mails} expected`);
            if (outcome.duplicates) problems.push(`${outcome.duplicates} mails received twice`);
            return {
              counts: { expected: expected.mails, received: outcome.received, duplicates: outcome.duplicates },
              problems,
              details: outcome.details,
            };
          },
          details: { applications: expected.applications, mails_expected: expected.mails },
        },
      ];
    },
  },

  /**
   * GET /api/public/results?year= (the publish scenario's call; published first, untimed, if it
   * is not yet) with 100 concurrent readers, each reading again as soon as it has its answer,
   * for BENCH_SECONDS (the requests under way then are waited for and counted); the baseline runs
   * the same two queries and the portal's own snapshot mapping.
   */
  public: {
    strict: true,
    connections: Number(process.env.BENCH_PUBLIC_CONNECTIONS ?? 100),
    seconds: SECONDS,
    rounds: Number(process.env.BENCH_PUBLIC_ROUNDS ?? 1),
    // the warm-up is one checked request on each side
    warmupSeconds: 0,
    async seed(pool) {
      await seedPublishScenario(pool);
    },
    async cases() {
      const { pool } = ctx;
      const callId = ctx.publishCall.callId;
      let publication = await completedPublication(pool, callId);
      if (!publication) {
        console.log('public: the call is not published yet; publishing it first (not timed)');
        const expected = await expectedOutcomeMails(pool, callId);
        ctx.sink ??= await startMailSink();
        await resetPublication(pool, callId);
        const outcome = await publishThroughPortal(callId, expected.mails, 600);
        if (outcome.problems.length) throw new Error(`public: publishing failed: ${outcome.problems.join('; ')}`);
        publication = await completedPublication(pool, callId);
      }
      const path = `/api/public/results?year=${PUBLISH_SIZE.year}`;
      const portal = await probe(API_PORT, path, {});
      const baseline = await probe(BASE_PORT, path, {});
      const awards = (body) => body.themes?.reduce((n, t) => n + t.awards.length, 0);
      if (!awards(portal.body) || awards(portal.body) !== awards(baseline.body)) {
        throw new Error(
          `public: the portal lists ${awards(portal.body)} awards, the baseline ${awards(baseline.body)}`,
        );
      }
      const readers = () => () => (call) => call('read', { method: 'GET', path });
      const run =
        (port) =>
        ({ seconds }) =>
          drive({
            port,
            connections: this.connections,
            next: readers(),
            seconds,
            timeoutSeconds: 600,
            requestTimeoutMs: 300_000,
          });
      return [
        {
          name: 'public',
          portal: { drive: run(API_PORT) },
          baseline: { drive: run(BASE_PORT) },
          details: {
            year: PUBLISH_SIZE.year,
            awards: awards(portal.body),
            snapshot_kb: Math.round(publication.snapshot_bytes / 1024),
            portal_body_kb: Math.round(portal.bytes / 1024),
            portal_first_ms: portal.ms,
            baseline_body_kb: Math.round(baseline.bytes / 1024),
            baseline_first_ms: baseline.ms,
          },
        },
      ];
    },
  },

  /**
   * GET /api/rounds/:id/ranking?pageSize=100 as a coordinator, on a round of 150,000 scores and
   * one of 1,500,000 (bench/ranking-seed.mjs); the baseline runs the same aggregate query and
   * answers the same page of its rows.
   * Opt-in: seeding the large call and loading a heavy endpoint take minutes.
   */
  ranking: {
    optIn: true,
    connections: Number(process.env.BENCH_RANKING_CONNECTIONS ?? 4),
    // bounded by requests, not seconds: at several seconds a request, a timed run would drop
    // the requests still running at its end (and leave their queries running into the next run)
    amount: Number(process.env.BENCH_RANKING_REQUESTS ?? 2 * Number(process.env.BENCH_RANKING_CONNECTIONS ?? 4)),
    rounds: Number(process.env.BENCH_RANKING_ROUNDS ?? 1),
    // the warm-up is one request on each side (checked for its answer), not a timed run
    warmupSeconds: 0,
    timeoutSeconds: 300,
    async seed(pool) {
      const sizes = (process.env.BENCH_RANKING_SIZES ?? RANKING_SIZES.map((s) => s.key).join(','))
        .split(',')
        .map((key) => {
          const size = RANKING_SIZES.find((s) => s.key === key.trim());
          if (!size)
            throw new Error(`unknown ranking size ${key}; known: ${RANKING_SIZES.map((s) => s.key).join(', ')}`);
          return size;
        });
      ctx.coordinatorId ??= await ensureCoordinator(pool);
      this.seeded = [];
      for (const size of sizes) {
        const seeded = await seedRankingCall(pool, size, ctx.coordinatorId, {
          reseed: process.env.BENCH_RANKING_RESEED === '1',
        });
        const scores = size.applications * size.perApplication * size.criteria;
        console.log(
          seeded.seededMs
            ? `ranking ${size.key}: seeded ${size.applications} applications, ${scores} scores in ${(seeded.seededMs / 1000).toFixed(1)} s`
            : `ranking ${size.key}: already seeded (round ${seeded.roundId})`,
        );
        this.seeded.push({ size, ...seeded, scores });
      }
    },
    async cases() {
      const { cookie } = await coordinatorSession();
      const cases = [];
      for (const { size, roundId, seededMs } of this.seeded) {
        // a page as the coordinators' screen asks for it (the largest page); the whole ranking is computed for it
        const path = `/api/rounds/${roundId}/ranking?pageSize=100`;
        const portal = await probe(API_PORT, path, { cookie });
        const baseline = await probe(BASE_PORT, path, {});
        if (portal.body.total !== size.applications || portal.body.items?.length !== 100) {
          throw new Error(
            `ranking ${size.key}: the portal answered ${portal.body.items?.length} of ${portal.body.total} rows, not 100 of ${size.applications}`,
          );
        }
        cases.push({
          name: `ranking ${size.key}`,
          portal: { requests: [{ method: 'GET', path }], headers: { cookie } },
          baseline: { requests: [{ method: 'GET', path }] },
          details: {
            round_id: roundId,
            applications: size.applications,
            jurors: size.jurors,
            criteria: size.criteria,
            assignments: size.applications * size.perApplication,
            scores: size.applications * size.perApplication * size.criteria,
            seeded_ms: seededMs,
            portal_rows: portal.body.total,
            portal_body_kb: Math.round(portal.bytes / 1024),
            portal_first_ms: portal.ms,
            baseline_aggregate_rows: baseline.body.total,
            baseline_body_kb: Math.round(baseline.bytes / 1024),
            baseline_first_ms: baseline.ms,
          },
        });
      }
      return cases;
    },
  },
};

/** The rush's change to a draft: the last missing field, the contact, a retouched title. */
function draftChange(application) {
  return {
    title: `${application.municipality} közösségi programja (végleges)`,
    adoption: 'Hasonló méretű településen egy év alatt bevezethető; a szükséges lépéseket a melléklet sorolja fel.',
    contact: {
      name: 'Kovács Anna',
      position: 'jegyző',
      email: `jegyzo@${application.ksh}.bench.localhost`,
      phone: '+36 1 234 5678',
    },
  };
}

/** The publish and public scenarios' call and its staff, seeded once per run. */
async function seedPublishScenario(pool) {
  if (ctx.publishCall) return;
  ctx.coordinatorId ??= await ensureCoordinator(pool);
  await ensureApplicants(pool, PUBLISH_SIZE.applications);
  const seeded = await seedPublishCall(pool, ctx.coordinatorId, { reseed: process.env.BENCH_PUBLISH_RESEED === '1' });
  console.log(
    seeded.seededMs
      ? `publish: seeded and decided ${PUBLISH_SIZE.applications} applications in ${(seeded.seededMs / 1000).toFixed(1)} s`
      : `publish: already seeded (call ${seeded.callId})`,
  );
  ctx.publishCall = seeded;
}

/**
 * One publication through the portal: the worker started (mail to the sink, its queues cleared
 * of what earlier scenarios left there), the publication requested and followed until it is
 * completed and every outcome mail was accepted by the sink, the worker stopped. Per mail, the
 * time from the request to its acceptance.
 */
async function publishThroughPortal(callId, expectedMails, timeoutSeconds) {
  const { sink } = ctx;
  const problems = [];
  // the rush's receipt mails (their rows are gone) and any job of an earlier, interrupted run
  await clearMailJobs(['mail', 'results', 'documents']);
  const worker = spawn(
    process.execPath,
    [...nodeArgs('BENCH_WORKER_NODE_ARGS', 'worker'), 'dist/apps/worker/src/main.js'],
    {
      cwd: ROOT,
      env: { ...ctx.env, SMTP_URL: sink.url, LOG_LEVEL: 'warn' },
      stdio: 'inherit',
    },
  );
  let workerPeakMb = 0;
  try {
    await waitForWorker(worker);
    const { cookie, headers } = await coordinatorSession();
    const client = httpClient(API_PORT, 2);
    const t0 = performance.now();
    const requested = await client.request({
      method: 'POST',
      path: `/api/calls/${callId}/publications`,
      headers,
      body: {},
    });
    if (requested.status !== 202) throw new Error(`publish: ${requested.status} ${requested.text.slice(0, 300)}`);
    const publicationId = JSON.parse(requested.text).id;
    let publication;
    const deadline = t0 + timeoutSeconds * 1000;
    // the api reads the publication's whole snapshot for every GET: asked every 2 s, or as soon
    // as the sink has every mail, so that polling takes little from the worker
    for (let tick = 0; ; tick++) {
      workerPeakMb = Math.max(workerPeakMb, peakRssMb(worker.pid));
      if (tick % 8 && sink.received.length < expectedMails && performance.now() < deadline) {
        await sleep(250);
        continue;
      }
      const polled = await client.request({ path: `/api/publications/${publicationId}`, headers: { cookie } });
      publication = JSON.parse(polled.text);
      const done =
        publication.status === 'completed' &&
        publication.mails.total > 0 &&
        publication.mails.sent === publication.mails.total &&
        sink.received.length >= expectedMails;
      if (done || publication.status === 'failed') break;
      if (performance.now() > deadline) {
        problems.push(`not done within ${timeoutSeconds} s (${publication.status}, ${sink.received.length} mails)`);
        break;
      }
      await sleep(250);
    }
    client.close();
    if (publication.status === 'failed') problems.push(`publication failed: ${publication.error}`);
    if (publication.mails.failed) problems.push(`${publication.mails.failed} outcome mails failed`);
    const ledger = new Set((await outcomeMails(ctx.pool, callId, publication.version)).map((m) => m.id));
    const arrivals = sink.received.filter((m) => ledger.has(m.id.split('@')[0]));
    const distinct = new Set(arrivals.map((m) => m.id)).size;
    const times = arrivals.map((m) => m.at - t0).sort((a, b) => a - b);
    const doneMs = times.length ? times[times.length - 1] : performance.now() - t0;
    const completedMs = publication.completedAt
      ? Date.parse(publication.completedAt) - Date.parse(publication.requestedAt)
      : null;
    return {
      received: distinct,
      duplicates: arrivals.length - distinct,
      problems,
      result: mailRun(times, doneMs, problems.length),
      details: {
        publication_version: publication.version,
        ledger_mails: publication.mails.total,
        completed_s: completedMs === null ? null : round2(completedMs / 1000),
        first_mail_s: times.length ? round2(times[0] / 1000) : null,
        done_s: round2(doneMs / 1000),
        delivery_mails_per_s: times.length > 1 ? round2(times.length / ((times.at(-1) - times[0]) / 1000)) : null,
        worker_peak_rss_mb: workerPeakMb,
        other_mails: sink.received.length - arrivals.length,
      },
    };
  } finally {
    worker.kill('SIGTERM');
    await exited(worker, 10_000);
  }
}

/**
 * The publish baseline: the same number of mails through nodemailer to the same sink, as the
 * worker sends them (over 4 pooled connections, 4 at a time), after one query for the recipients.
 */
async function publishBaseline(callId) {
  const client = httpClient(BASE_PORT, 1, 600_000);
  const answer = await client.request({
    method: 'POST',
    path: `/api/calls/${callId}/publications`,
    body: { smtpUrl: ctx.sink.url, concurrency: 4, pool: true },
  });
  client.close();
  if (answer.status !== 200) throw new Error(`baseline publish: ${answer.status} ${answer.text.slice(0, 300)}`);
  const { ms, times } = JSON.parse(answer.text);
  const arrivals = ctx.sink.received.filter((m) => m.id.startsWith('baseline-pooled-'));
  const received = new Set(arrivals.map((m) => m.id)).size;
  return {
    received,
    duplicates: arrivals.length - received,
    problems: [],
    result: mailRun(
      times.sort((a, b) => a - b),
      ms,
      0,
    ),
    details: { done_s: round2(ms / 1000) },
  };
}

/** A publication as a load run: mails/s to the last one accepted, p50/p99 of the time to each mail. */
function mailRun(sortedMs, doneMs, problems) {
  return {
    rps: sortedMs.length / (doneMs / 1000),
    p50: quantile(sortedMs, 0.5),
    p99: quantile(sortedMs, 0.99),
    samples: sortedMs.length,
    non2xx: problems,
    errors: 0,
    duration: round2(doneMs / 1000),
  };
}

/**
 * Empties the bench's queues (the receipt jobs a rush queued and no worker ran), once the
 * api has relayed its outbox.
 */
async function clearMailJobs(names = ['mail']) {
  for (let i = 0; i < 300; i++) {
    const { rows } = await ctx.pool.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`);
    if (!rows[0].n) break;
    await sleep(100);
  }
  for (const name of names) {
    const queue = queueOf(name);
    try {
      await queue.obliterate({ force: true });
    } finally {
      await queue.close();
    }
  }
}

async function waitForWorker(worker) {
  const queues = ['mail', 'results'].map(queueOf);
  try {
    for (let i = 0; i < 300; i++) {
      if (worker.exitCode !== null) throw new Error(`worker exited with ${worker.exitCode}`);
      const counts = await Promise.all(queues.map((q) => q.getWorkersCount()));
      if (counts.every((n) => n > 0)) return;
      await sleep(100);
    }
    throw new Error('the worker did not come up within 30 s');
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}

function exited(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Signs one account in: its Cookie header and the headers of a state-changing request (CSRF token). */
async function signInAs(client, email, password) {
  const response = await client.request({ method: 'POST', path: '/api/auth/login', body: { email, password } });
  if (response.status !== 200) throw new Error(`login of ${email}: ${response.status} ${response.text.slice(0, 300)}`);
  const cookies = [response.headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]);
  if (!cookies.some((c) => c.startsWith('logy.sid='))) throw new Error(`login of ${email}: no session cookie`);
  const cookie = cookies.join('; ');
  return { cookie, headers: { cookie, 'x-csrf-token': JSON.parse(response.text).csrfToken } };
}

/** Signs many bench accounts in before a timed run, a few at a time. */
async function signInMany(emails, password = BENCH_PASSWORD) {
  const client = httpClient(API_PORT, 8);
  try {
    return await inParallel(emails, 8, (email) => signInAs(client, email, password));
  } finally {
    client.close();
  }
}

/** The benchmark coordinator's session (signed in once: login throttling counts per account). */
async function coordinatorSession() {
  if (!ctx.coordinator) {
    const client = httpClient(API_PORT, 1);
    ctx.coordinator = await signInAs(client, BENCH_COORDINATOR.email, BENCH_COORDINATOR.password);
    client.close();
  }
  return ctx.coordinator;
}

/** One request alone: checks the answer and measures its size and time. */
async function probe(port, path, headers) {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
  const text = await response.text();
  const ms = Math.round(performance.now() - started);
  if (!response.ok) throw new Error(`${port}${path}: ${response.status} ${text.slice(0, 300)}`);
  return { body: JSON.parse(text), bytes: Buffer.byteLength(text), ms };
}

async function waitFor(url, child) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

function memoryMb(pid, field) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/** The process's peak resident memory (since it started, or since resetPeakRss). */
const peakRssMb = (pid) => memoryMb(pid, 'VmHWM');
const rssMb = (pid) => memoryMb(pid, 'VmRSS');

/** Starts a new peak-RSS measurement for the process (Linux: "5" to clear_refs resets VmHWM). */
function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // an older kernel: the peak then covers the whole run so far
  }
}

async function load(port, target, scenario, { seconds = scenario.seconds, warmup = false } = {}) {
  if (target.drive) return target.drive({ seconds, warmup });
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: scenario.connections,
    ...(scenario.amount ? { amount: scenario.amount } : { duration: seconds }),
    timeout: scenario.timeoutSeconds ?? 10,
    headers: target.headers,
    requests: target.requests,
  });
  return {
    rps: scenario.amount ? result.requests.total / result.duration : result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    samples: result.latency.totalCount ?? result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    duration: result.duration,
  };
}

const round2 = (x) => Number(x.toFixed(2));

async function main() {
  const wanted = process.argv.slice(2).filter((a) => a !== '--');
  for (const name of wanted)
    if (!scenarios[name]) throw new Error(`unknown scenario ${name}; known: ${Object.keys(scenarios).join(', ')}`);
  // in their declared order, whatever the order asked (public follows publish)
  const names = Object.keys(scenarios).filter((name) =>
    wanted.length ? wanted.includes(name) : !scenarios[name].optIn,
  );

  const storageDir = mkdtempSync(join(tmpdir(), 'logy-bench-'));
  const env = {
    ...process.env,
    DATABASE_URL,
    PORT: String(API_PORT),
    LOG_LEVEL: process.env.BENCH_API_LOG_LEVEL ?? 'silent',
    SESSION_SECRET: 'benchmark-secret-value-123',
    REDIS_PREFIX,
    // receipts and certificates of this run only
    STORAGE_DIR: storageDir,
  };
  ctx.env = env;
  execFileSync(process.execPath, ['dist/scripts/migrate.js', 'run'], { cwd: ROOT, env, stdio: 'inherit' });
  ctx.pool = new pg.Pool({ connectionString: DATABASE_URL, max: 3 });
  let api;
  let baseline;
  const rows = [];
  const details = {};
  const failures = [];
  let apiStartRssMb;
  try {
    for (const name of names) await scenarios[name].seed?.(ctx.pool);

    api = spawn(process.execPath, [...nodeArgs('BENCH_API_NODE_ARGS', 'api'), 'dist/apps/api/src/main.js'], {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    });
    baseline = spawn(process.execPath, ['bench/baseline-server.mjs'], {
      cwd: ROOT,
      env: { ...env, PORT: String(BASE_PORT) },
      stdio: 'inherit',
    });
    await waitFor(`http://127.0.0.1:${API_PORT}/health`, api);
    await waitFor(`http://127.0.0.1:${BASE_PORT}/health`, baseline);
    apiStartRssMb = rssMb(api.pid);
    for (const name of names) {
      const scenario = scenarios[name];
      for (const bench of await scenario.cases()) {
        console.log(`${bench.name}: running`);
        resetPeakRss(api.pid);
        const sides = [
          ['portal', API_PORT],
          ['baseline', BASE_PORT],
        ];
        if (scenario.warmupSeconds || bench.warmup) {
          // warm-up, not counted
          for (const [side, port] of sides) {
            await bench.prepare?.(side);
            await load(port, bench[side], scenario, { seconds: scenario.warmupSeconds, warmup: true });
          }
        }
        const runs = { portal: [], baseline: [] };
        const checks = { portal: [], baseline: [] };
        const problems = [];
        for (let round = 0; round < (scenario.rounds ?? ROUNDS); round++) {
          for (const [side, port] of sides) {
            await bench.prepare?.(side);
            const result = await load(port, bench[side], scenario);
            runs[side].push(result);
            if (bench.verify) {
              const check = await bench.verify(side, result);
              checks[side].push(check);
              for (const p of check.problems) problems.push(`${bench.name} ${side}: ${p}`);
            }
            if (scenario.strict && !result.samples) problems.push(`${bench.name} ${side}: no request completed`);
            if (scenario.strict && (result.non2xx || result.errors)) {
              problems.push(
                `${bench.name} ${side}: ${result.non2xx} non-2xx, ${result.errors} errors ${JSON.stringify(result.problems ?? {})}`,
              );
            }
          }
        }
        await bench.finish?.();
        const portal = runs.portal;
        const raw = runs.baseline;
        const median = (xs, key) => xs.map((x) => x[key]).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        const rps = (xs) => (median(xs, 'rps') >= 100 ? Math.round(median(xs, 'rps')) : round2(median(xs, 'rps')));
        rows.push({
          scenario: bench.name,
          connections: scenario.connections,
          portal_rps: rps(portal),
          portal_p50_ms: median(portal, 'p50'),
          portal_p99_ms: median(portal, 'p99'),
          baseline_rps: rps(raw),
          baseline_p50_ms: median(raw, 'p50'),
          baseline_p99_ms: median(raw, 'p99'),
          ratio: round2(median(portal, 'rps') / median(raw, 'rps')),
          p50_ratio: round2(median(portal, 'p50') / median(raw, 'p50')),
          p99_ratio: round2(median(portal, 'p99') / median(raw, 'p99')),
          portal_non2xx: portal.reduce((n, r) => n + r.non2xx + r.errors, 0),
          baseline_non2xx: raw.reduce((n, r) => n + r.non2xx + r.errors, 0),
          portal_peak_rss_mb: peakRssMb(api.pid),
          check: problems.length ? 'FAILED' : bench.verify || scenario.strict ? 'ok' : '',
        });
        failures.push(...problems);
        const perRun = (xs, key) => xs.map((r) => r[key]);
        details[bench.name] = {
          ...bench.details,
          connections: scenario.connections,
          ...(scenario.amount ? { requests_per_run: scenario.amount } : {}),
          rounds: scenario.rounds ?? ROUNDS,
          portal_samples: perRun(portal, 'samples'),
          portal_run_s: perRun(portal, 'duration'),
          baseline_samples: perRun(raw, 'samples'),
          baseline_run_s: perRun(raw, 'duration'),
          ...stepDetails('portal', portal),
          ...stepDetails('baseline', raw),
          ...checkDetails('portal', checks.portal),
          ...checkDetails('baseline', checks.baseline),
        };
      }
    }
  } finally {
    api?.kill('SIGTERM');
    baseline?.kill('SIGTERM');
    if (api) await exited(api, 10_000);
    await ctx.sink?.close();
    await ctx.pool.end();
    rmSync(storageDir, { recursive: true, force: true });
  }
  console.log(`api resident memory right after start: ${apiStartRssMb} MB`);
  console.table(rows);
  const growth = rankingGrowth(rows);
  if (Object.keys(details).length) console.table(transpose(details));
  if (growth) console.table([growth]);
  const file = `bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(
    new URL(`../${file}`, import.meta.url),
    JSON.stringify(
      {
        node: process.version,
        cpus: 2,
        rounds: ROUNDS,
        seconds: SECONDS,
        api_start_rss_mb: apiStartRssMb,
        rows,
        details,
        growth,
        failures,
      },
      null,
      2,
    ),
  );
  console.log(`written ${file}`);
  if (failures.length) {
    console.error(`FAILED:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}

/** p50/p99 of each step of a multi-step flow (the median over the runs), e.g. rush save and submit. */
function stepDetails(side, runs) {
  const out = {};
  for (const kind of Object.keys(runs[0]?.kinds ?? {})) {
    if (Object.keys(runs[0].kinds).length < 2) break;
    const values = (key) => runs.map((r) => r.kinds[kind]?.[key] ?? 0).sort((a, b) => a - b)[runs.length >> 1];
    out[`${side}_${kind}_p50_ms`] = values('p50');
    out[`${side}_${kind}_p99_ms`] = values('p99');
  }
  return out;
}

/** What the checks counted and measured after the last timed run of a side. */
function checkDetails(side, checks) {
  const last = checks.at(-1);
  if (!last) return {};
  const out = {};
  for (const [key, value] of Object.entries({ ...last.counts, ...last.details }))
    if (value !== undefined) out[`${side}_${key}`] = value;
  return out;
}

/** How the ranking's time grows from 150k to 1.5M scores (p50 and p99 at 1.5M ÷ at 150k). */
function rankingGrowth(rows) {
  const small = rows.find((r) => r.scenario === 'ranking 150k');
  const large = rows.find((r) => r.scenario === 'ranking 1.5M');
  if (!small || !large) return null;
  return {
    growth: '1.5M ÷ 150k',
    portal_p50: round2(large.portal_p50_ms / small.portal_p50_ms),
    portal_p99: round2(large.portal_p99_ms / small.portal_p99_ms),
    baseline_p50: round2(large.baseline_p50_ms / small.baseline_p50_ms),
    baseline_p99: round2(large.baseline_p99_ms / small.baseline_p99_ms),
  };
}

/** { case: { field: value } } as { field: { case: value } }: one line per field, one column per case. */
function transpose(byCase) {
  const out = {};
  for (const [name, fields] of Object.entries(byCase)) {
    for (const [field, value] of Object.entries(fields))
      (out[field] ??= {})[name] = Array.isArray(value) ? value.join(' / ') : value;
  }
  return out;
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
