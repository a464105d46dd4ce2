import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import { Env } from '@portal/config';
import { DEFAULT_JOB_OPTIONS, isQueueName, outboxJobId, QUEUES, QueueName } from './queues';

/** How long a relay waits for a queue's Redis connection before leaving the rows for later. */
const READY_TIMEOUT_MS = 1_000;
/** How long one `Queue.add` may take before the relay gives up on it (the row stays pending). */
const ADD_TIMEOUT_MS = 3_000;
/** Connection errors are logged at most this often (a Redis outage would otherwise flood the log). */
const ERROR_LOG_INTERVAL_MS = 30_000;
const DEFAULT_BATCH = 100;
/**
 * How far back the jobs of a Redis that lost its data are relayed again: as long as BullMQ
 * keeps failed jobs (a week). A job that waited in Redis longer than that is not recovered.
 */
const REPLAY_WINDOW = '7 days';

interface PendingRow {
  id: string;
  created_at: Date;
  queue: string;
  job_name: string;
  payload: Record<string, unknown>;
}

class RelayTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'RelayTimeoutError';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RelayTimeoutError(what, ms)), ms);
  });
  // a late rejection of the raced promise must not become an unhandled rejection
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/**
 * Moves outbox rows to BullMQ. Rows are taken oldest first with `FOR UPDATE SKIP LOCKED`,
 * so any number of api and worker processes can relay at once without adding a job twice;
 * the job id is `outbox-<id>-<created ms>`, so even a repeated relay (after a timeout) adds nothing new.
 * While Redis is away rows stay pending with `relay_attempts` and `last_error` recorded;
 * the worker's poller relays them once it is back.
 *
 * A Redis that comes back empty (restarted without persistence, flushed) has lost the jobs
 * relayed to it. Redis holds an epoch under `<REDIS_PREFIX>:outbox:epoch`, a random id made
 * when the key is missing; each row records the prefix and the epoch it was relayed to. A relay that finds
 * an epoch it has not seen before (a new one after the loss, or its own first round) puts
 * the rows relayed to this prefix under another epoch within the last week back to pending,
 * and they are relayed again under the same job ids: every processor is idempotent, so a
 * job that had run already does nothing more.
 */
@Injectable()
export class OutboxRelay implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();
  private running: Promise<void> | undefined;
  private again = false;
  private closing = false;
  private lastErrorLog = 0;
  /** The Redis epoch this relay last saw (and replayed the rows of older epochs for). */
  private epoch: string | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly env: Env,
  ) {}

  onModuleInit(): void {
    for (const name of Object.values(QUEUES)) {
      this.queues.set(name, this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.running;
  }

  /**
   * Relays soon, in the background: called after a commit that wrote outbox rows, and by
   * the worker's poller. Calls while a relay runs are folded into one more round. Never
   * throws and never waits: a request is not held up by Redis.
   */
  nudge(): void {
    if (this.closing) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves when the relay started by the latest nudge has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Relays up to `limit` pending rows now; returns how many reached BullMQ. Rows that
   * could not be added stay pending with the error recorded. Throws only when the
   * database fails.
   */
  async relayPending(limit = DEFAULT_BATCH): Promise<number> {
    const epoch = await this.redisEpoch();
    if (epoch.current && epoch.current !== this.epoch) {
      await this.replayLostJobs(epoch.current);
      this.epoch = epoch.current;
    }
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const rows = await manager.query<PendingRow[]>(
        `SELECT id, created_at, queue, job_name, payload FROM outbox
          WHERE relayed_at IS NULL
          ORDER BY id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;

      const relayed: string[] = [];
      const failed = new Map<string, string[]>();
      const fail = (id: string, reason: string): void => {
        failed.set(reason, [...(failed.get(reason) ?? []), id]);
      };
      const ready = new Map<QueueName, string | null>(); // null: ready, else why not

      for (const [index, row] of rows.entries()) {
        if (epoch.current === null) {
          fail(row.id, epoch.unavailable);
          continue;
        }
        if (!isQueueName(row.queue)) {
          fail(row.id, `unknown queue "${row.queue}"`);
          continue;
        }
        const queue = this.queues.get(row.queue) as Queue;
        if (!ready.has(row.queue)) ready.set(row.queue, await this.notReadyReason(queue));
        const notReady = ready.get(row.queue);
        if (notReady) {
          fail(row.id, notReady);
          continue;
        }
        try {
          await withTimeout(
            queue.add(row.job_name, row.payload, {
              ...DEFAULT_JOB_OPTIONS,
              jobId: outboxJobId(row.id, row.created_at),
            }),
            ADD_TIMEOUT_MS,
            `Redis (adding job ${outboxJobId(row.id, row.created_at)})`,
          );
          relayed.push(row.id);
        } catch (error) {
          // Redis went away in the middle: leave this row and the rest of the batch for later
          const reason = messageOf(error);
          for (const rest of rows.slice(index)) fail(rest.id, reason);
          break;
        }
      }

      if (relayed.length > 0) {
        await manager.query(
          `UPDATE outbox SET relayed_at = now(), relayed_prefix = $2, relayed_epoch = $3 WHERE id = ANY($1::bigint[])`,
          [relayed, this.env.REDIS_PREFIX, epoch.current],
        );
      }
      await this.recordFailures(manager, failed);
      return relayed.length;
    });
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        while ((await this.relayPending(DEFAULT_BATCH)) === DEFAULT_BATCH && !this.closing) {
          // a full batch went out: there may be more
        }
      } catch (error) {
        this.logThrottled(`outbox relay failed: ${messageOf(error)}`);
      }
    } while (this.again && !this.closing);
  }

  /**
   * The epoch of the Redis the jobs go to (made now if Redis has none: it is new, or lost its
   * data), or why it cannot be read.
   */
  private async redisEpoch(): Promise<{ current: string } | { current: null; unavailable: string }> {
    const queue = this.queues.get(QUEUES.mail) as Queue;
    const notReady = await this.notReadyReason(queue);
    if (notReady) return { current: null, unavailable: notReady };
    const key = `${this.env.REDIS_PREFIX}:outbox:epoch`;
    try {
      // BullMQ types its client narrowly; it is ioredis, which has SET NX
      const client = (await queue.getBackend().client) as unknown as Redis;
      // SET NX: of two relays that make one at once, both keep the one that was set first
      const read = async (): Promise<string | null> => {
        const found = await client.get(key);
        if (found) return found;
        await client.set(key, randomUUID(), 'NX');
        return client.get(key);
      };
      const current = await withTimeout(read(), ADD_TIMEOUT_MS, 'Redis (reading the outbox epoch)');
      return current ? { current } : { current: null, unavailable: `Redis has no ${key}` };
    } catch (error) {
      return { current: null, unavailable: `Redis is not reachable: ${messageOf(error)}` };
    }
  }

  /** Puts the rows relayed to this prefix under an older epoch (jobs a Redis lost) back to pending. */
  private async replayLostJobs(current: string): Promise<void> {
    // UPDATE … RETURNING: TypeORM gives [rows, count]
    const [rows] = await this.dataSource.query<[Array<{ id: string }>, number]>(
      `UPDATE outbox SET relayed_at = NULL, relayed_epoch = NULL
        WHERE relayed_prefix = $1 AND relayed_epoch <> $2 AND relayed_at > now() - $3::interval
        RETURNING id`,
      [this.env.REDIS_PREFIX, current, REPLAY_WINDOW],
    );
    if (rows.length > 0) {
      this.logger.warn(
        `Redis has a new outbox epoch (it lost its data): ${rows.length} job(s) relayed before go to BullMQ again`,
      );
    }
  }

  /** Null when the queue's Redis connection is usable now, otherwise why it is not. */
  private async notReadyReason(queue: Queue): Promise<string | null> {
    try {
      await withTimeout(queue.waitUntilReady(), READY_TIMEOUT_MS, 'Redis');
      const client = await queue.getBackend().client;
      return client.status === 'ready' ? null : `Redis connection is ${client.status}`;
    } catch (error) {
      return `Redis is not reachable: ${messageOf(error)}`;
    }
  }

  private async recordFailures(manager: EntityManager, failed: Map<string, string[]>): Promise<void> {
    for (const [reason, ids] of failed) {
      await manager.query(
        `UPDATE outbox SET relay_attempts = relay_attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`,
        [ids, reason],
      );
      this.logThrottled(`${ids.length} outbox row(s) left for later: ${reason}`);
    }
  }

  private logThrottled(message: string): void {
    const now = Date.now();
    if (now - this.lastErrorLog < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLog = now;
    this.logger.warn(message);
  }
}
