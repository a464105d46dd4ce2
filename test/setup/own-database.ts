import { randomBytes } from 'node:crypto';
import { loadEnv, validateEnv } from '@portal/config';
import { createDataSource, databaseName, dropDatabase, ensureDatabase, withDatabase } from '@portal/schema';

export interface OwnDatabase {
  /** postgres://…/<run database>_<suffix>, for DATABASE_URL. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of this test file's own, next to the run's (`<run database>_<hex>`), migrated
 * from scratch. For tests with a real worker process: its outbox poller relays every
 * pending outbox row of its database, and the relay of any api relays them all too, so on
 * the run's shared database a worker of one file would take the jobs of others (and theirs
 * its own). Global teardown drops only the run's database: call drop() in afterAll.
 */
export async function createOwnDatabase(): Promise<OwnDatabase> {
  const base = loadEnv();
  const url = withDatabase(base.DATABASE_URL, `${databaseName(base.DATABASE_URL)}_${randomBytes(3).toString('hex')}`);
  const env = validateEnv({ ...process.env, DATABASE_URL: url });
  await ensureDatabase(env);
  const dataSource = createDataSource(env);
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    await dropDatabase(env).catch(() => undefined);
    throw error;
  }
  await dataSource.destroy();
  return {
    url,
    drop: async () => {
      if (process.env.KEEP_TEST_DB !== '1') await dropDatabase(env);
    },
  };
}
