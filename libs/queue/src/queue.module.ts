import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import type { QueueOptions, RedisOptions } from 'bullmq';
import { Env } from '@portal/config';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxService } from './outbox.service';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './queues';
import { ObservedQueue } from './observed-queue';
import { bullConnection } from './redis.module';

// every queue registered below (and by the worker's explorer) logs its connection errors itself
BullModule.queueClass = ObservedQueue;

/** ioredis allows `retryStrategy: null`, BullMQ's copy of the type does not; otherwise the same options. */
function toBullOptions(options: ReturnType<typeof bullConnection>): RedisOptions {
  const { retryStrategy, ...rest } = options;
  return retryStrategy ? { ...rest, retryStrategy } : rest;
}

/**
 * BullMQ on the portal's Redis (keys under `<REDIS_PREFIX>:bull`), every queue of
 * QUEUES, the outbox and its relay. The worker adds the processors and the relay poller.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env): QueueOptions => ({
        connection: toBullOptions(bullConnection(env)),
        prefix: `${env.REDIS_PREFIX}:bull`,
      }),
    }),
    BullModule.registerQueue(
      ...Object.values(QUEUES).map((name) => ({ name, defaultJobOptions: DEFAULT_JOB_OPTIONS })),
    ),
  ],
  providers: [OutboxRelay, OutboxService],
  exports: [BullModule, OutboxRelay, OutboxService],
})
export class QueueModule {}
