/*
 * npm run demo: checks PostgreSQL and Redis, creates and migrates the database, loads the
 * demo data, starts the api and the worker, and prints the URL and the demo accounts.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, Env } from '@portal/config';
import { fromRoot, SystemClock } from '@portal/core';
import { createDataSource, ensureDatabase, preflight, ServiceUnreachableError } from '@portal/schema';
import { DEMO_PASSWORD, demoCalls, seedDemo } from './demo-data';

/**
 * Node flags of the api or the worker: those of package.json's start:api and start:worker
 * (a young generation of 8 MB semi-spaces, and for the api a 200 MB old generation), read from
 * there so that the demo runs the programs as they are started in production.
 */
function programNodeFlags(name: 'api' | 'worker'): string[] {
  const manifest = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { scripts: Record<string, string> };
  return manifest.scripts[`start:${name}`].split(/\s+/).filter((part) => part.startsWith('--'));
}

function fail(message: string): never {
  console.error(`\n✗ ${message}\n`);
  process.exit(1);
}

async function waitForHealth(env: Env, children: ChildProcess[]): Promise<void> {
  const url = `http://127.0.0.1:${env.PORT}/health`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (children.some((c) => c.exitCode !== null)) fail('The api or the worker stopped during start-up (see above).');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  fail(`The api did not answer on ${url} within 60 seconds.`);
}

async function main(): Promise<void> {
  console.log('LÖGY portál — demo');
  let env: Env;
  try {
    env = await preflight();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ServiceUnreachableError) fail(error.message);
    throw error;
  }
  if (await ensureDatabase(env)) console.log(`• created database ${new URL(env.DATABASE_URL).pathname.slice(1)}`);
  const dataSource = createDataSource(env);
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  console.log(`• migrations: ${applied.length ? `${applied.length} applied` : 'up to date'}`);
  const clock = new SystemClock();
  const accounts = await seedDemo(dataSource, clock);
  const calls = await demoCalls(dataSource, clock.now());
  const [{ n }]: Array<{ n: string }> = await dataSource.query('SELECT count(*) AS n FROM municipality');
  console.log(`• municipality register: ${n} settlements (KSH Helységnévtár, 1 January 2018)`);
  await dataSource.destroy();

  const childEnv = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  const children = (['api', 'worker'] as const).map((name) =>
    spawn(process.execPath, [...programNodeFlags(name), fromRoot('dist', 'apps', name, 'src', 'main.js')], {
      cwd: join(__dirname, '..', '..'),
      env: childEnv,
      stdio: 'inherit',
    }),
  );
  const stop = (signal: NodeJS.Signals) => {
    for (const child of children) child.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  for (const child of children) {
    child.on('exit', (code) => {
      if (code && code !== 0) {
        stop('SIGTERM');
        process.exitCode = code;
      }
    });
  }
  await waitForHealth(env, children);

  const base = `http://localhost:${env.PORT}`;
  const width = Math.max(...accounts.map((a) => a.email.length));
  console.log(`\n✓ The portal is running: ${base}`);
  console.log(`  API docs: ${base}/api/docs    health: ${base}/health`);
  console.log(
    env.SMTP_URL
      ? `  Mail goes to ${env.SMTP_URL}`
      : `  Mail is captured: GET ${base}/api/mails/captured (coordinators)`,
  );
  console.log(`\n  Demo accounts (password for all: ${DEMO_PASSWORD})`);
  for (const account of accounts) console.log(`    ${account.email.padEnd(width)}  ${account.note}`);
  console.log('\n  Calls');
  for (const call of calls) {
    const deadline = call.status === 'open' ? `, submissions until ${call.submissionClosesAtBudapest} (Budapest)` : '';
    console.log(`    ${call.year}  ${call.status.padEnd(9)}  ${call.titleHu}${deadline}`);
  }
  console.log('\n  Ctrl+C stops the api and the worker.\n');
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
