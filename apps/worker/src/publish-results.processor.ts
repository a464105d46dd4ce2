import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { DEFAULT_LANG, runWithContext } from '@portal/core';
import { JobPayload, QUEUES } from '@portal/queue';
import { PublicationsService, PublicationStatus } from '@portal/results';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * The `results` queue. `publish` runs one publication to its end; BullMQ may run it more
 * than once (a retry, a crash), and every step checks what is done already. After the last
 * attempt the publication is marked failed, for coordinators to see and retry.
 */
@Processor(QUEUES.results, { concurrency: 2 })
export class PublishResultsProcessor extends WorkerHost {
  private readonly logger = new Logger(PublishResultsProcessor.name);
  private lastErrorLog = 0;

  constructor(private readonly publications: PublicationsService) {
    super();
  }

  process(job: Job): Promise<PublicationStatus> {
    return runWithContext({ requestId: `job-${job.id ?? 'unknown'}`, lang: DEFAULT_LANG }, async () => {
      if (job.name !== 'publish') throw new UnrecoverableError(`The results queue has no job "${job.name}"`);
      const publicationId = (job.data as Partial<JobPayload<'results', 'publish'>> | undefined)?.publicationId;
      if (typeof publicationId !== 'string' || !UUID.test(publicationId)) {
        throw new UnrecoverableError(
          `results/publish needs a publicationId (uuid), got ${JSON.stringify(publicationId)}`,
        );
      }
      return this.publications.run(publicationId);
    });
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    const publicationId = (job.data as Partial<JobPayload<'results', 'publish'>> | undefined)?.publicationId;
    this.logger.warn(`job ${job.id ?? ''}: publication ${publicationId ?? '?'} failed: ${error.message}`);
    if (typeof publicationId !== 'string' || !UUID.test(publicationId)) return;
    try {
      await this.publications.recordFailure(publicationId, error.message, final);
    } catch (recordError) {
      this.logger.warn(
        `could not record the failure of publication ${publicationId}: ${(recordError as Error).message}`,
      );
    }
  }

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLog < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLog = now;
    this.logger.warn(`results worker: ${error.message}`);
  }
}
