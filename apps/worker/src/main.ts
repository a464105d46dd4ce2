import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { Env, loadEnv } from '@portal/config';
import { QUEUES } from '@portal/queue';
import { checkPostgres, checkRedis } from '@portal/schema';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const logger = new NestLogger('Worker');
  const env = loadEnv();
  await checkPostgres(env);
  await checkRedis(env);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const mail = app.get(Env).SMTP_URL ? 'SMTP' : 'the embedded catcher (no SMTP_URL)';
  logger.log(`worker ready: queues ${Object.values(QUEUES).join(', ')}; mail goes to ${mail}`);
}

main().catch((error: unknown) => {
  new NestLogger('Worker').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
