import type { JobsOptions } from 'bullmq';

/** Every BullMQ queue of the portal, by name. */
export const QUEUES = {
  mail: 'mail',
  jury: 'jury',
  results: 'results',
  documents: 'documents',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * The typed job registry: for each queue, its job names and their payloads. A producer
 * writes one of these to the outbox; the processor of the queue handles every name.
 */
export interface JobPayloads {
  mail: {
    /** Deliver one row of the e-mail ledger (mail_message). */
    send: { mailId: string };
  };
  jury: {
    /** E-mail the reminders and progress summaries that are due (scheduled; each mail at most once). */
    reminders: Record<string, never>;
  };
  results: {
    /** Publish one publication of a call's results: snapshot, files, outcome mails (idempotent). */
    publish: { publicationId: string };
  };
  documents: {
    /** Render a submission's receipt PDF (unless it is there) and mail it to the municipality's staff (once each). */
    receipt: { submissionId: string };
  };
}

export type JobName<Q extends QueueName> = Extract<keyof JobPayloads[Q], string>;
export type JobPayload<Q extends QueueName, J extends JobName<Q>> = JobPayloads[Q][J];

/** The job names of each queue, at run time (checked when a job is written to the outbox). */
export const JOB_NAMES: { readonly [Q in QueueName]: readonly JobName<Q>[] } = {
  mail: ['send'],
  jury: ['reminders'],
  results: ['publish'],
  documents: ['receipt'],
};

export function isQueueName(value: string): value is QueueName {
  return (Object.values(QUEUES) as string[]).includes(value);
}

export function isJobName<Q extends QueueName>(queue: Q, jobName: string): jobName is JobName<Q> {
  return (JOB_NAMES[queue] as readonly string[]).includes(jobName);
}

/**
 * The BullMQ job id of an outbox row: predictable, so a relay repeated after a failure adds
 * nothing twice. It carries the row's creation instant besides its id: outbox ids start again
 * at 1 in a recreated database, and a job id still known to Redis (completed jobs are kept a
 * day) would make BullMQ drop the new job silently.
 */
export function outboxJobId(outboxId: string, createdAt: Date): string {
  return `outbox-${outboxId}-${createdAt.getTime()}`;
}

/**
 * Options of every job: 8 attempts with exponential backoff (5 s, 10 s, … about 10 minutes
 * in all), completed jobs kept a day (at most 1000), failed ones a week for inspection.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};
