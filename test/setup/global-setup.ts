import { randomBytes } from 'node:crypto';
import { loadEnv, overrideEnv } from '@portal/config';
import { checkPostgres, checkRedis, createDataSource, ensureDatabase, withDatabase } from '@portal/schema';

/**
 * One throwaway database and one Redis key prefix per test run, migrated from scratch.
 * Workers inherit the variables; global-teardown drops both.
 */
export default async function globalSetup(): Promise<void> {
  const base = loadEnv();
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  overrideEnv({
    NODE_ENV: 'test',
    DATABASE_URL: withDatabase(base.DATABASE_URL, `logy_test_${runId}`),
    REDIS_PREFIX: `logy-test-${runId}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    SMTP_URL: '',
    PUBLIC_URL: 'http://portal.test',
    // tests that count failed logins per address send X-Forwarded-For, so they don't share 127.0.0.1
    TRUST_PROXY: '1',
  });
  const env = loadEnv();
  await checkPostgres(env);
  await checkRedis(env);
  await ensureDatabase(env);
  const dataSource = createDataSource(env);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}
