// npm run bench [-- scenario ...]: the portal against a raw node:http + pg baseline doing the
// same SQL, in the same run, alternating; loopback only, bounded in time. Prints one table and
// writes it as JSON under bench/results/. Without a scenario named, the default ones run
// (municipalities); opt-in ones (ranking) run only when named.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import pg from 'pg';
import { BENCH_COORDINATOR, ensureCoordinator, RANKING_SIZES, seedRankingCall } from './ranking-seed.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const BASE_DB = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/logy_portal';
const dbUrl = new URL(BASE_DB);
dbUrl.pathname = '/logy_bench';
const DATABASE_URL = dbUrl.toString();
const API_PORT = 3101;
const BASE_PORT = 3102;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

const SEARCH_TERMS = ['gyor', 'Győr', 'BUDAPEST', 'szent', 'falu', 'kis', 'debrecen', 'ő', 'hegy', 'alsó'];

/**
 * A scenario gives one or more cases to load: `seed(pool)` (optional) runs before the servers
 * start, `cases()` once both answer. Each case loads the portal and the baseline with its own
 * requests (and, for the portal, headers such as a session cookie). `optIn` scenarios run only
 * when named; `amount` bounds a run by requests instead of seconds.
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
      const coordinatorId = await ensureCoordinator(pool);
      this.seeded = [];
      for (const size of sizes) {
        const seeded = await seedRankingCall(pool, size, coordinatorId, {
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
      const cookie = await signIn();
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

/** Signs the benchmark coordinator in (once: login throttling counts per account) and returns the Cookie header. */
async function signIn() {
  const response = await fetch(`http://127.0.0.1:${API_PORT}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_COORDINATOR),
  });
  if (!response.ok) throw new Error(`login: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (!cookies.some((c) => c.startsWith('logy.sid='))) throw new Error('login: no session cookie');
  return cookies.join('; ');
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

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function load(port, target, scenario, seconds = scenario.seconds) {
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
    errors: result.errors,
    duration: result.duration,
  };
}

const round2 = (x) => Number(x.toFixed(2));

async function main() {
  const wanted = process.argv.slice(2).filter((a) => a !== '--');
  const names = wanted.length ? wanted : Object.keys(scenarios).filter((name) => !scenarios[name].optIn);
  for (const name of names)
    if (!scenarios[name]) throw new Error(`unknown scenario ${name}; known: ${Object.keys(scenarios).join(', ')}`);

  const env = {
    ...process.env,
    DATABASE_URL,
    PORT: String(API_PORT),
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'benchmark-secret-value-123',
    REDIS_PREFIX: 'logy-bench',
  };
  execFileSync(process.execPath, ['dist/scripts/migrate.js', 'run'], { cwd: ROOT, env, stdio: 'inherit' });
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  try {
    for (const name of names) await scenarios[name].seed?.(pool);
  } finally {
    await pool.end();
  }

  const api = spawn(process.execPath, ['dist/apps/api/src/main.js'], { cwd: ROOT, env, stdio: 'inherit' });
  const baseline = spawn(process.execPath, ['bench/baseline-server.mjs'], {
    cwd: ROOT,
    env: { ...env, PORT: String(BASE_PORT) },
    stdio: 'inherit',
  });
  const rows = [];
  const details = {};
  try {
    await waitFor(`http://127.0.0.1:${API_PORT}/health`, api);
    await waitFor(`http://127.0.0.1:${BASE_PORT}/health`, baseline);
    for (const name of names) {
      const scenario = scenarios[name];
      for (const bench of await scenario.cases()) {
        if (scenario.warmupSeconds) {
          await load(API_PORT, bench.portal, scenario, scenario.warmupSeconds); // warm-up, not counted
          await load(BASE_PORT, bench.baseline, scenario, scenario.warmupSeconds);
        }
        const portal = [];
        const raw = [];
        for (let round = 0; round < (scenario.rounds ?? ROUNDS); round++) {
          portal.push(await load(API_PORT, bench.portal, scenario));
          raw.push(await load(BASE_PORT, bench.baseline, scenario));
        }
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
        });
        if (bench.details) {
          details[bench.name] = {
            ...bench.details,
            connections: scenario.connections,
            requests_per_run: scenario.amount,
            rounds: scenario.rounds,
            portal_samples: portal.map((r) => r.samples),
            portal_run_s: portal.map((r) => r.duration),
            baseline_samples: raw.map((r) => r.samples),
            baseline_run_s: raw.map((r) => r.duration),
          };
        }
      }
    }
  } finally {
    api.kill('SIGTERM');
    baseline.kill('SIGTERM');
  }
  console.table(rows);
  const growth = rankingGrowth(rows);
  if (Object.keys(details).length) console.table(transpose(details));
  if (growth) console.table([growth]);
  const file = `bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(
    new URL(`../${file}`, import.meta.url),
    JSON.stringify(
      { node: process.version, cpus: 2, rounds: ROUNDS, seconds: SECONDS, rows, details, growth },
      null,
      2,
    ),
  );
  console.log(`written ${file}`);
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
