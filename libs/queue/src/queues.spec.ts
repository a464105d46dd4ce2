import { DEFAULT_JOB_OPTIONS, isJobName, isQueueName, JOB_NAMES, outboxJobId, QUEUES } from './queues';

describe('queue registry', () => {
  it('lists job names for every queue', () => {
    for (const queue of Object.values(QUEUES)) {
      expect(isQueueName(queue)).toBe(true);
      expect(JOB_NAMES[queue].length).toBeGreaterThan(0);
      // BullMQ refuses ':' in queue names (it separates key parts)
      expect(queue).not.toContain(':');
    }
    expect(isQueueName('nope')).toBe(false);
    expect(isJobName(QUEUES.mail, 'send')).toBe(true);
    expect(isJobName(QUEUES.mail, 'publish')).toBe(false);
  });

  it('gives outbox jobs predictable ids that BullMQ accepts as custom ids', () => {
    const id = outboxJobId('42', new Date('2026-11-22T18:00:00.000Z'));
    expect(id).toBe('outbox-42-1795370400000');
    // a recreated database starts its outbox ids again: the same id at another instant is another job
    expect(outboxJobId('42', new Date('2026-11-23T09:00:00.000Z'))).not.toBe(id);
    expect(id).not.toMatch(/^\d+$/); // integer-looking custom ids are refused
    expect(id).not.toContain(':');
  });

  it('retries with backoff and cleans up completed jobs', () => {
    expect(DEFAULT_JOB_OPTIONS.attempts).toBeGreaterThan(1);
    expect(DEFAULT_JOB_OPTIONS.backoff).toMatchObject({ type: 'exponential' });
    expect(DEFAULT_JOB_OPTIONS.removeOnComplete).toMatchObject({ age: expect.any(Number), count: expect.any(Number) });
  });
});
