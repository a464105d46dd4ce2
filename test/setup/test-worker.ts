import { randomBytes } from 'node:crypto';
import { Test, TestingModule } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { loadEnv, overrideEnv } from '@portal/config';
import { OutboxPoller } from '../../apps/worker/src/outbox-poller';
import { WorkerModule } from '../../apps/worker/src/worker.module';

export interface TestWorker {
  module: TestingModule;
  close(): Promise<void>;
}

export interface TestWorkerOptions {
  /**
   * Poll the outbox every second as the real worker does. Off by default: the database is
   * shared by the run's test files, and a poller would also relay the rows of another file
   * (the api's nudge after commit relays a test's own rows anyway).
   */
  pollOutbox?: boolean;
}

/**
 * The real worker (WorkerModule: BullMQ processors on this run's Redis and database),
 * compiled and started in the test process. Set SMTP_URL with overrideEnv before, if the
 * test needs an SMTP server; without it mail goes to the embedded catcher.
 */
export async function startTestWorker(options: TestWorkerOptions = {}): Promise<TestWorker> {
  let builder = Test.createTestingModule({ imports: [WorkerModule] });
  if (!options.pollOutbox) builder = builder.overrideProvider(OutboxPoller).useValue({});
  const module = await builder.compile();
  module.useLogger(module.get(Logger));
  await module.init();
  return { module, close: () => module.close() };
}

/**
 * Gives this test file its own BullMQ keys (under the run's prefix, so global teardown
 * still removes them): jobs of other files, and other files' workers, stay out of its way.
 * Call before creating the app and the worker.
 */
export function isolateQueuePrefix(): string {
  const base = loadEnv().REDIS_PREFIX.split(':')[0];
  const prefix = `${base}:${randomBytes(4).toString('hex')}`;
  overrideEnv({ REDIS_PREFIX: prefix });
  return prefix;
}
