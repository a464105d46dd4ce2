import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { ApplicationsService } from '@portal/applications';
import { DEFAULT_LANG, runWithContext } from '@portal/core';
import { JobPayload, QUEUES } from '@portal/queue';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * The `documents` queue. `receipt` renders a submission's receipt PDF (unless its first
 * download did already) and decides its mails; run again, it adds nothing.
 */
@Processor(QUEUES.documents, { concurrency: 2 })
export class ReceiptProcessor extends WorkerHost {
  private readonly logger = new Logger(ReceiptProcessor.name);
  private lastErrorLog = 0;

  constructor(private readonly applications: ApplicationsService) {
    super();
  }

  process(job: Job): Promise<void> {
    return runWithContext({ requestId: `job-${job.id ?? 'unknown'}`, lang: DEFAULT_LANG }, async () => {
      if (job.name !== 'receipt') throw new UnrecoverableError(`The documents queue has no job "${job.name}"`);
      const submissionId = (job.data as Partial<JobPayload<'documents', 'receipt'>> | undefined)?.submissionId;
      if (typeof submissionId !== 'string' || !UUID.test(submissionId)) {
        throw new UnrecoverableError(
          `documents/receipt needs a submissionId (uuid), got ${JSON.stringify(submissionId)}`,
        );
      }
      await this.applications.deliverReceipt(submissionId);
    });
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    if (job) this.logger.warn(`job ${job.id ?? ''}: receipt failed (attempt ${job.attemptsMade}): ${error.message}`);
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLog < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLog = now;
    this.logger.warn(`documents worker: ${error.message}`);
  }
}
