import { Injectable } from '@nestjs/common';
import type { AfterCommit, Tx } from '@portal/database';
import { OutboxRelay } from './outbox-relay.service';
import { isJobName, isQueueName, QueueName } from './queues';

/**
 * Writes jobs to the outbox table in the caller's transaction, so a job exists exactly
 * when the change it follows was committed, and nothing runs before that change is visible.
 */
@Injectable()
export class OutboxService {
  /** Transactions already set to nudge the relay once they commit. */
  private readonly nudging = new WeakSet<AfterCommit>();

  constructor(private readonly relay: OutboxRelay) {}

  /** Adds a job to the outbox in `tx`; relayed to BullMQ right after commit. Returns the outbox id. */
  async enqueue(tx: Tx, queue: QueueName, jobName: string, payload: Record<string, unknown>): Promise<string> {
    if (!isQueueName(queue) || !isJobName(queue, jobName)) {
      throw new Error(`Unknown job "${jobName}" on queue "${String(queue)}": add it to JOB_NAMES in libs/queue`);
    }
    const rows = await tx.manager.query<Array<{ id: string }>>(
      `INSERT INTO outbox (queue, job_name, payload) VALUES ($1, $2, $3::jsonb) RETURNING id`,
      [queue, jobName, JSON.stringify(payload)],
    );
    if (!this.nudging.has(tx.afterCommit)) {
      this.nudging.add(tx.afterCommit);
      tx.afterCommit.add(() => this.nudge());
    }
    return String(rows[0].id);
  }

  /** Asks the relay to move pending rows to BullMQ now, in the background. Never throws. */
  nudge(): void {
    this.relay.nudge();
  }
}
