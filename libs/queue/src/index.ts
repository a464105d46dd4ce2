export { REDIS, RedisModule, bullConnection } from './redis.module';
export { QueueModule } from './queue.module';
export { OutboxService } from './outbox.service';
export { OutboxRelay } from './outbox-relay.service';
export { OutboxEntry } from './outbox.entity';
export { QUEUES, JOB_NAMES, DEFAULT_JOB_OPTIONS, isQueueName, isJobName, outboxJobId } from './queues';
export type { QueueName, JobPayloads, JobName, JobPayload } from './queues';
