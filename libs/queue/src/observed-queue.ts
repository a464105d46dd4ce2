import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';

/** Connection errors are logged at most this often per queue (a Redis outage would otherwise flood the log). */
const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * A BullMQ Queue that listens to its own errors from the moment it exists. Without a
 * listener, BullMQ prints every failed reconnect to stderr while Redis is away; here they
 * become one warning every 30 s. Registered as the queue class of @nestjs/bullmq by
 * QueueModule.
 */
export class ObservedQueue extends Queue {
  private static readonly logger = new Logger('Queue');
  private lastLogged = 0;

  constructor(...args: ConstructorParameters<typeof Queue>) {
    super(...args);
    this.on('error', (error: Error) => {
      const now = Date.now();
      if (now - this.lastLogged < ERROR_LOG_INTERVAL_MS) return;
      this.lastLogged = now;
      ObservedQueue.logger.warn(`queue ${this.name}: ${error.message}`);
    });
  }
}
