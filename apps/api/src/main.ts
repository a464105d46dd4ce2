import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { preflight, runProgram } from '@portal/schema';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap';
import { drainOnSignals } from './http/graceful-shutdown';

runProgram('Api', async () => {
  const env = await preflight();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true });
  configureApp(app);
  drainOnSignals(app);
  await app.listen(env.PORT, env.HOST);
});
