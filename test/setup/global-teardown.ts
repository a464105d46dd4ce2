import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { loadEnv } from '@portal/config';
import { dropDatabase } from '@portal/schema';
import { municipalityClaimsDir } from '../factories/municipalities';

export default async function globalTeardown(): Promise<void> {
  const env = loadEnv();
  const claims = municipalityClaimsDir();
  if (claims !== undefined) rmSync(claims, { recursive: true, force: true });
  if (process.env.KEEP_TEST_DB !== '1') await dropDatabase(env);
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.REDIS_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
