import { Redis } from 'ioredis';
import { Client } from 'pg';
import type { Env } from '@portal/config';

export class ServiceUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceUnreachableError';
  }
}

function where(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}`;
}

const PG_FIX = [
  'Start it with:   pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  'Install it with: apt-get install -y postgresql',
  'Or run both services in Docker: docker compose -f docker/compose.yml up -d postgres redis',
  'Or point DATABASE_URL at a PostgreSQL 15+ server.',
].join('\n  ');
const REDIS_FIX = [
  'Start it with:   redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
  'Install it with: apt-get install -y redis-server',
  'Or run both services in Docker: docker compose -f docker/compose.yml up -d postgres redis',
  'Or point REDIS_URL at a Redis 7 server.',
].join('\n  ');

/** The maintenance database URL of a PostgreSQL URL (to create or drop databases). */
export function adminUrl(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  u.pathname = '/postgres';
  return u.toString();
}

export function withDatabase(databaseUrl: string, name: string): string {
  const u = new URL(databaseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export function databaseName(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
}

/** Checks PostgreSQL (its server, not yet the database) within a few seconds. */
export async function checkPostgres(env: Env): Promise<void> {
  const client = new Client({ connectionString: adminUrl(env.DATABASE_URL), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
    if (Number(rows[0].v) < 150000) {
      throw new ServiceUnreachableError(`PostgreSQL at ${where(env.DATABASE_URL)} is older than 15 (${rows[0].v}).`);
    }
  } catch (error) {
    if (error instanceof ServiceUnreachableError) throw error;
    throw new ServiceUnreachableError(
      `PostgreSQL cannot be reached at ${where(env.DATABASE_URL)} (DATABASE_URL): ${(error as Error).message}\n  ${PG_FIX}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Checks Redis within a few seconds. */
export async function checkRedis(env: Env): Promise<void> {
  const redis = new Redis(env.REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let cause: Error | undefined;
  redis.on('error', (error: Error) => (cause ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    const reason = (cause ?? (error as Error)).message;
    throw new ServiceUnreachableError(
      `Redis cannot be reached at ${where(env.REDIS_URL)} (REDIS_URL): ${reason}\n  ${REDIS_FIX}`,
    );
  } finally {
    redis.disconnect();
  }
}

/** Creates the database named in DATABASE_URL when it does not exist yet. */
export async function ensureDatabase(env: Env): Promise<boolean> {
  const name = databaseName(env.DATABASE_URL);
  const client = new Client({ connectionString: adminUrl(env.DATABASE_URL), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}" ENCODING 'UTF8' TEMPLATE template0`);
    return true;
  } finally {
    await client.end();
  }
}

export async function dropDatabase(env: Env): Promise<void> {
  const name = databaseName(env.DATABASE_URL);
  const client = new Client({ connectionString: adminUrl(env.DATABASE_URL), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
