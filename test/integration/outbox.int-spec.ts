import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Test, TestingModule } from '@nestjs/testing';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ConfigModule, Env, loadEnv, overrideEnv } from '@portal/config';
import { AfterCommit, Transactions } from '@portal/database';
import { OutboxRelay, outboxJobId, OutboxService, QueueModule, QUEUES } from '@portal/queue';
import { DatabaseModule } from '@portal/schema';
import { OutboxPoller } from '../../apps/worker/src/outbox-poller';
import { isolateQueuePrefix } from '../setup/test-worker';

interface OutboxRow {
  id: string;
  relayed_at: Date | null;
  relay_attempts: number;
  last_error: string | null;
}

/** The outbox and its relay on this run's database, without a worker: relayed jobs just wait in the queue. */
async function producer(): Promise<TestingModule> {
  const module = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, QueueModule] }).compile();
  // the relay's warnings (Redis away) show with LOG_LEVEL=warn or lower
  const level = loadEnv().LOG_LEVEL;
  module.useLogger(['trace', 'debug', 'info', 'warn'].includes(level) ? ['error', 'warn'] : false);
  await module.init();
  return module;
}

async function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('outbox relay', () => {
  let module: TestingModule;
  let dataSource: DataSource;
  /** The BullMQ job id the relay gives an outbox row (its id and creation instant). */
  const jobIdOf = async (id: string): Promise<string> => {
    const [row] = await dataSource.query<Array<{ created_at: Date }>>('SELECT created_at FROM outbox WHERE id = $1', [
      id,
    ]);
    return outboxJobId(id, row.created_at);
  };
  let outbox: OutboxService;
  let relay: OutboxRelay;
  let queue: Queue;
  let transactions: Transactions;

  const rowsWith = (marker: string) =>
    dataSource.query<OutboxRow[]>(
      `SELECT id, relayed_at, relay_attempts, last_error FROM outbox WHERE payload ->> 'marker' = $1 ORDER BY id`,
      [marker],
    );
  /** Writes an outbox row in a committed transaction that nobody nudges (as if the process died after commit). */
  const writeUnnudged = async (marker: string): Promise<string> =>
    dataSource.transaction((manager) =>
      outbox.enqueue({ manager, afterCommit: new AfterCommit() }, QUEUES.mail, 'send', {
        mailId: randomUUID(),
        marker,
      }),
    );

  beforeAll(async () => {
    isolateQueuePrefix();
    module = await producer();
    dataSource = module.get(DataSource);
    outbox = module.get(OutboxService);
    relay = module.get(OutboxRelay);
    queue = module.get<Queue>(getQueueToken(QUEUES.mail));
    transactions = module.get(Transactions);
  });

  afterAll(async () => {
    await module?.close();
  });

  it('relays a committed row right after commit, as job outbox-<id>', async () => {
    const marker = randomUUID();
    const mailId = randomUUID();
    const id = await transactions.run((tx) => outbox.enqueue(tx, QUEUES.mail, 'send', { mailId, marker }));
    await relay.settled();
    const [row] = await eventually(async () => {
      const rows = await rowsWith(marker);
      return rows[0]?.relayed_at && rows;
    });
    expect(row.id).toBe(id);
    const job = await queue.getJob(await jobIdOf(id));
    expect(job?.name).toBe('send');
    expect(job?.data).toEqual({ mailId, marker });
    expect(job?.opts).toMatchObject({ attempts: 8, backoff: { type: 'exponential', delay: 5000 } });
  });

  it('relays rows left behind by relayPending()', async () => {
    const marker = randomUUID();
    const ids = [await writeUnnudged(marker), await writeUnnudged(marker)];
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await rowsWith(marker)).map((r) => r.relayed_at)).toEqual([null, null]);
    expect(await queue.getJob(await jobIdOf(ids[0]))).toBeUndefined();

    expect(await relay.relayPending()).toBeGreaterThanOrEqual(2);
    const rows = await rowsWith(marker);
    expect(rows.every((r) => r.relayed_at instanceof Date)).toBe(true);
    for (const id of ids) expect((await queue.getJob(await jobIdOf(id)))?.data.marker).toBe(marker);
  });

  it('never relays a row whose transaction rolled back', async () => {
    const marker = randomUUID();
    let written = '';
    await expect(
      transactions.run(async (tx) => {
        written = await outbox.enqueue(tx, QUEUES.mail, 'send', { mailId: randomUUID(), marker });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(written).not.toBe('');

    await relay.relayPending();
    await relay.settled();
    expect(await rowsWith(marker)).toEqual([]);
    // no job for the row: none with its id, whatever its instant, none with its payload
    const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed']);
    expect(jobs.filter((job) => job.id?.startsWith(`outbox-${written}-`) || job.data.marker === marker)).toEqual([]);
  });

  it('adds a job once even when its row is relayed again (a relay that died before marking it)', async () => {
    const marker = randomUUID();
    const id = await writeUnnudged(marker);
    await relay.relayPending();
    await dataSource.query('UPDATE outbox SET relayed_at = NULL WHERE id = $1', [id]);
    await relay.relayPending();
    expect((await rowsWith(marker))[0].relayed_at).toBeInstanceOf(Date);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed']);
    expect(jobs.filter((job) => job.data.marker === marker).map((job) => job.id)).toEqual([await jobIdOf(id)]);
  });

  it('a relay that starts on the same Redis replays nothing; once Redis lost its data, it relays the lost jobs again', async () => {
    const marker = randomUUID();
    await transactions.run((tx) => outbox.enqueue(tx, QUEUES.mail, 'send', { mailId: randomUUID(), marker }));
    await relay.settled();
    const [relayed] = await eventually(async () => {
      const rows = await rowsWith(marker);
      return rows[0]?.relayed_at && rows;
    });
    // another process (the worker, or the api restarted) on the same Redis
    const other = await producer();
    try {
      const otherRelay = other.get(OutboxRelay);
      const warnings = jest.spyOn((otherRelay as unknown as { logger: { warn(text: string): void } }).logger, 'warn');
      await otherRelay.relayPending();
      expect(warnings).not.toHaveBeenCalled();
      expect((await rowsWith(marker))[0].relayed_at).toEqual(relayed.relayed_at);
      // Redis comes back empty: the job and the epoch are gone; the next round relays the job again
      const job = await queue.getJob(await jobIdOf(relayed.id));
      await job?.remove();
      const client = (await queue.getBackend().client) as unknown as { del(key: string): Promise<number> };
      expect(await client.del(`${loadEnv().REDIS_PREFIX}:outbox:epoch`)).toBe(1);
      await otherRelay.relayPending();
      expect(warnings).toHaveBeenCalledWith(expect.stringMatching(/: [1-9]\d* job\(s\) relayed before/));
      expect(await queue.getJob(await jobIdOf(relayed.id))).toBeDefined();
      expect((await rowsWith(marker))[0].relayed_at).not.toBeNull();
    } finally {
      await other.close();
    }
  });

  it('refuses a job name the registry does not know', async () => {
    await expect(
      transactions.run((tx) => outbox.enqueue(tx, QUEUES.mail, 'no-such-job', { marker: randomUUID() })),
    ).rejects.toThrow(/Unknown job "no-such-job"/);
  });

  it('relays rows every second in the worker (the poller), without any nudge', async () => {
    const marker = randomUUID();
    await writeUnnudged(marker);
    const poller = new OutboxPoller(relay);
    poller.onApplicationBootstrap();
    try {
      await eventually(async () => (await rowsWith(marker))[0]?.relayed_at, 5_000);
    } finally {
      poller.onModuleDestroy();
      await relay.settled();
    }
  });

  describe('while Redis is away', () => {
    let down: TestingModule;
    const realRedis = loadEnv().REDIS_URL;

    beforeAll(async () => {
      // nothing listens on port 1: connections are refused at once, again and again
      overrideEnv({ REDIS_URL: 'redis://127.0.0.1:1' });
      down = await producer();
      expect(down.get(Env).REDIS_URL).toBe('redis://127.0.0.1:1');
    });

    afterAll(async () => {
      await down?.close();
      // ioredis gives a refused socket 2 s (disconnectTimeout) to close before destroying it
      await new Promise((resolve) => setTimeout(resolve, 2100));
      overrideEnv({ REDIS_URL: realRedis });
    });

    it('commits without waiting, keeps the row with the error, and relays it once Redis is back', async () => {
      const marker = randomUUID();
      const downOutbox = down.get(OutboxService);
      const downRelay = down.get(OutboxRelay);

      const started = Date.now();
      const id = await down
        .get(Transactions)
        .run((tx) => downOutbox.enqueue(tx, QUEUES.mail, 'send', { mailId: randomUUID(), marker }));
      expect(Date.now() - started).toBeLessThan(1000); // the nudge runs in the background

      const relayStarted = Date.now();
      await downRelay.settled();
      expect(Date.now() - relayStarted).toBeLessThan(5000); // bounded, never hangs
      const [row] = await rowsWith(marker);
      expect(row).toMatchObject({ id, relayed_at: null });
      expect(row.relay_attempts).toBeGreaterThanOrEqual(1);
      expect(row.last_error).toMatch(/Redis/);

      expect(await downRelay.relayPending()).toBe(0);
      expect((await rowsWith(marker))[0].relay_attempts).toBeGreaterThanOrEqual(2);

      // Redis "comes back": a relay that reaches it moves the row
      await relay.relayPending();
      expect((await rowsWith(marker))[0].relayed_at).toBeInstanceOf(Date);
      expect((await queue.getJob(await jobIdOf(id)))?.data.marker).toBe(marker);
    });
  });
});
