import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { Env } from '@portal/config';
import { QUEUES } from '@portal/queue';
import { preflight, runProgram } from '@portal/schema';
import { WorkerModule } from './worker.module';

runProgram('Worker', async () => {
  const logger = new NestLogger('Worker');
  await preflight();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const mail = app.get(Env).SMTP_URL ? 'SMTP' : 'the embedded catcher (no SMTP_URL)';
  logger.log(`worker ready: queues ${Object.values(QUEUES).join(', ')}; mail goes to ${mail}`);
});
