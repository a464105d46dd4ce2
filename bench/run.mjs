// npm run bench [-- scenario ...]: the portal against a raw node:http + pg baseline doing the
// same SQL, in the same run, alternating; loopback only, bounded in time. Prints one table and
// writes it as JSON under bench/results/.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

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

const scenarios = {
  /** GET /api/municipalities?q=: accent-insensitive register search, first page. */
  municipalities: {
    requests: SEARCH_TERMS.map((q) => ({ method: 'GET', path: `/api/municipalities?q=${encodeURIComponent(q)}` })),
  },
};

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

async function load(port, requests) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function main() {
  const wanted = process.argv.slice(2).filter((a) => a !== '--');
  const names = wanted.length ? wanted : Object.keys(scenarios);
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
  const api = spawn(process.execPath, ['dist/apps/api/src/main.js'], { cwd: ROOT, env, stdio: 'inherit' });
  const baseline = spawn(process.execPath, ['bench/baseline-server.mjs'], {
    cwd: ROOT,
    env: { ...env, PORT: String(BASE_PORT) },
    stdio: 'inherit',
  });
  const rows = [];
  try {
    await waitFor(`http://127.0.0.1:${API_PORT}/health`, api);
    await waitFor(`http://127.0.0.1:${BASE_PORT}/health`, baseline);
    for (const name of names) {
      const { requests } = scenarios[name];
      await load(API_PORT, requests); // warm-up, not counted
      await load(BASE_PORT, requests);
      const portal = [];
      const raw = [];
      for (let round = 0; round < ROUNDS; round++) {
        portal.push(await load(API_PORT, requests));
        raw.push(await load(BASE_PORT, requests));
      }
      const median = (xs, key) => xs.map((x) => x[key]).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const row = {
        scenario: name,
        connections: CONNECTIONS,
        portal_rps: Math.round(median(portal, 'rps')),
        portal_p50_ms: median(portal, 'p50'),
        portal_p99_ms: median(portal, 'p99'),
        baseline_rps: Math.round(median(raw, 'rps')),
        baseline_p50_ms: median(raw, 'p50'),
        baseline_p99_ms: median(raw, 'p99'),
        ratio: Number((median(portal, 'rps') / median(raw, 'rps')).toFixed(2)),
        portal_non2xx: portal.reduce((n, r) => n + r.non2xx + r.errors, 0),
        portal_peak_rss_mb: peakRssMb(api.pid),
      };
      rows.push(row);
    }
  } finally {
    api.kill('SIGTERM');
    baseline.kill('SIGTERM');
  }
  console.table(rows);
  const file = `bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(
    new URL(`../${file}`, import.meta.url),
    JSON.stringify({ node: process.version, cpus: 2, rounds: ROUNDS, seconds: SECONDS, rows }, null, 2),
  );
  console.log(`written ${file}`);
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
