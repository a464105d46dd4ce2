import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { InjectQueue } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { DEFAULT_LANG, runWithContext } from '@portal/core';
import { JuryRemindersService, ReminderRun } from '@portal/jury';
import { QUEUES } from '@portal/queue';

/** How often the worker looks for jury reminders and summaries that are due. */
export const REMINDER_EVERY_MS = 15 * 60 * 1000;
export const REMINDER_SCHEDULER_ID = 'jury-reminders';
const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * The `jury` queue. `reminders` runs on a BullMQ job scheduler every 15 minutes (one
 * scheduler however many workers start: upsert by id); each mail goes once whatever runs it.
 */
@Processor(QUEUES.jury, { concurrency: 1 })
export class JuryRemindersProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(JuryRemindersProcessor.name);
  private lastErrorLog = 0;

  constructor(
    private readonly reminders: JuryRemindersService,
    @InjectQueue(QUEUES.jury) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(REMINDER_SCHEDULER_ID, { every: REMINDER_EVERY_MS }, { name: 'reminders' });
    } catch (error) {
      // Redis away at start: the worker still runs; the scheduler is upserted at the next start
      this.logger.warn(`could not schedule jury reminders: ${(error as Error).message}`);
    }
  }

  process(job: Job): Promise<ReminderRun> {
    return runWithContext({ requestId: `job-${job.id ?? 'unknown'}`, lang: DEFAULT_LANG }, () => {
      if (job.name !== 'reminders') throw new UnrecoverableError(`The jury queue has no job "${job.name}"`);
      return this.reminders.run();
    });
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLog < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLog = now;
    this.logger.warn(`jury worker: ${error.message}`);
  }
}
