import { overrideEnv } from '@portal/config';
import { createTestApp, type TestApp } from './test-app';
import { startTestWorker, type TestWorker } from './test-worker';

/* The api and the worker of the fault tests (test/e2e/faults-*.e2e-spec.ts), and what they check in the database. */

/** Waits for `promise` at most `ms` (a close that hangs must not keep the rest of the clean-up from running). */
export async function bounded(promise: Promise<unknown> | undefined, what: string, ms = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      process.emitWarning(`clean-up: ${what} did not finish within ${ms} ms`);
      resolve();
    }, ms);
  });
  try {
    await Promise.race([Promise.resolve(promise).catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The values `keys` have in process.env now, to give back to overrideEnv after the tests. */
export function savedEnv(...keys: string[]): Record<string, string | undefined> {
  return Object.fromEntries(keys.map((key) => [key, process.env[key]]));
}

/**
 * Sets `env`, then starts the api and the worker (with its outbox poller, as
 * `npm run start:worker` runs it) in the test process. When the worker fails to start, the
 * api is closed before the error is thrown.
 */
export async function startApiAndWorker(now: string, env: Record<string, string>): Promise<[TestApp, TestWorker]> {
  overrideEnv(env);
  const t = await createTestApp({ now });
  try {
    return [t, await startTestWorker({ pollOutbox: true })];
  } catch (error) {
    await bounded(t.close(), 'api close');
    throw error;
  }
}

/** Closes the worker, then the api, each bounded (either may be missing when beforeAll failed). */
export async function closeApiAndWorker(worker: TestWorker | undefined, t: TestApp | undefined): Promise<void> {
  await bounded(worker?.close(), 'worker close');
  await bounded(t?.close(), 'api close');
}

/** The receipt mails of the submissions of these applications in the ledger, with their state, by address. */
export function receiptMails(t: TestApp, applications: Array<{ applicationId: string }>) {
  return t.dataSource.query<
    Array<{ id: string; to_address: string; status: string; attempts: number; last_error: string | null }>
  >(
    `SELECT m.id, m.to_address, m.status, m.attempts, m.last_error FROM mail_message m
       JOIN application_submission s ON m.dedupe_key LIKE 'application-submitted:' || s.id || ':%'
      WHERE s.application_id = ANY($1::uuid[])
      ORDER BY m.to_address`,
    [applications.map((a) => a.applicationId)],
  );
}

/** How many outbox rows are still to be relayed. */
export async function pendingOutboxRows(t: TestApp): Promise<number> {
  const [{ pending }] = await t.dataSource.query<Array<{ pending: number }>>(
    `SELECT count(*)::int AS pending FROM outbox WHERE relayed_at IS NULL`,
  );
  return pending;
}
