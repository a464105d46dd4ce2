import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

type Isolation = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected

export function pgErrorCode(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) {
    return (error.driverError as { code?: string } | undefined)?.code;
  }
  return (error as { code?: string } | undefined)?.code;
}

export function pgConstraint(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) {
    return (error.driverError as { constraint?: string } | undefined)?.constraint;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return pgErrorCode(error) === '23505' && (!constraint || pgConstraint(error) === constraint);
}

/** Callbacks to run once the transaction has committed (e.g. nudge the outbox relay). */
export class AfterCommit {
  private readonly callbacks: Array<() => void> = [];
  add(callback: () => void): void {
    this.callbacks.push(callback);
  }
  run(): void {
    for (const callback of this.callbacks.splice(0)) callback();
  }
}

export interface Tx {
  manager: EntityManager;
  afterCommit: AfterCommit;
}

/**
 * The explicit transaction boundary. A write that touches several rows runs in one
 * transaction opened here; serialization failures and deadlocks are retried.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger(Transactions.name);

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `work` on one pooled connection without a transaction: its statements wait for a
   * connection once (each statement on the pool's manager waits for one anew: behind every
   * other request's, when the pool is busy). For work whose writes are single statements.
   */
  async onOneConnection<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      return await work(runner.manager);
    } finally {
      await runner.release();
    }
  }

  async run<T>(work: (tx: Tx) => Promise<T>, options: { isolation?: Isolation; attempts?: number } = {}): Promise<T> {
    const attempts = options.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      const afterCommit = new AfterCommit();
      try {
        // PostgreSQL's own default is READ COMMITTED: naming it would cost a statement per transaction
        const result = options.isolation
          ? await this.dataSource.transaction(options.isolation, (manager) => work({ manager, afterCommit }))
          : await this.dataSource.transaction((manager) => work({ manager, afterCommit }));
        afterCommit.run();
        return result;
      } catch (error) {
        const code = pgErrorCode(error);
        if (!code || !RETRYABLE.has(code) || attempt >= attempts) throw error;
        this.logger.warn(`transaction retried after ${code} (attempt ${attempt})`);
        await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
      }
    }
  }
}
