import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { DEFAULT_LANG, runWithContext } from '@portal/core';
import { DeliveryOutcome, MailDelivery, PermanentMailError, SMTP_CONNECTIONS } from '@portal/mail';
import { JobName, JobPayload, QUEUES } from '@portal/queue';

/** Connection errors are logged at most this often (a Redis outage would otherwise flood the log). */
const ERROR_LOG_INTERVAL_MS = 30_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type MailJobs = { [J in JobName<'mail'>]: (data: JobPayload<'mail', J>, job: Job) => Promise<DeliveryOutcome> };

/**
 * The `mail` queue. `send` delivers one mail of the ledger; delivering the same mail
 * again (BullMQ runs a job at least once) sends nothing more.
 */
@Processor(QUEUES.mail, { concurrency: SMTP_CONNECTIONS })
export class SendMailProcessor extends WorkerHost {
  private readonly logger = new Logger(SendMailProcessor.name);
  private lastErrorLog = 0;

  /** One handler per job name of the registry: the compiler insists on all of them. */
  private readonly jobs: MailJobs = {
    send: (data, job) => this.send(data, job),
  };

  constructor(private readonly delivery: MailDelivery) {
    super();
  }

  process(job: Job): Promise<DeliveryOutcome> {
    return runWithContext({ requestId: `job-${job.id ?? 'unknown'}`, lang: DEFAULT_LANG }, () => this.handle(job));
  }

  /** The worker's own errors (Redis away): BullMQ keeps reconnecting, this keeps the log readable. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLog < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLog = now;
    this.logger.warn(`mail worker: ${error.message}`);
  }

  private async handle(job: Job): Promise<DeliveryOutcome> {
    if (!Object.prototype.hasOwnProperty.call(this.jobs, job.name)) {
      throw new UnrecoverableError(`The mail queue has no job "${job.name}"`);
    }
    const handler = this.jobs[job.name as JobName<'mail'>];
    return handler(job.data as JobPayload<'mail', JobName<'mail'>>, job);
  }

  private async send(data: JobPayload<'mail', 'send'>, job: Job): Promise<DeliveryOutcome> {
    const mailId = (data as Partial<typeof data> | undefined)?.mailId;
    if (typeof mailId !== 'string' || !UUID.test(mailId)) {
      throw new UnrecoverableError(`mail/send needs a mailId (uuid), got ${JSON.stringify(mailId)}`);
    }
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      const outcome = await this.delivery.deliver(mailId, { finalAttempt });
      if (outcome !== 'sent') this.logger.log(`job ${job.id ?? ''}: mail ${mailId} ${outcome}, nothing sent`);
      return outcome;
    } catch (error) {
      if (error instanceof PermanentMailError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
