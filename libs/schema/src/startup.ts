import { Logger } from '@nestjs/common';
import { ConfigError, Env, loadEnv } from '@portal/config';
import { checkPostgres, checkRedis, ServiceUnreachableError } from './preflight';

/**
 * What a program does before Nest starts: read the configuration and check that
 * PostgreSQL and Redis answer. A wrong variable or a missing service stops the program
 * with a message that names it (and the fix), not with a stack trace or endless retries.
 */
export async function preflight(): Promise<Env> {
  const env = loadEnv();
  await checkPostgres(env);
  await checkRedis(env);
  return env;
}

/** Runs a program's main function; known start-up failures end it with their message only. */
export function runProgram(name: string, main: () => Promise<void>): void {
  const logger = new Logger(name);
  main().catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof ServiceUnreachableError) logger.error(error.message);
    else logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
