import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { Clock, FixedClock } from '@portal/core';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/bootstrap';

export interface TestApp {
  app: NestExpressApplication;
  server: App;
  dataSource: DataSource;
  clock: FixedClock;
  close(): Promise<void>;
}

/** The real api (real PostgreSQL, real Redis) on this run's database, with a settable clock. */
export async function createTestApp(options: { now?: Date | string } = {}): Promise<TestApp> {
  const clock = new FixedClock(options.now ? new Date(options.now) : new Date());
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  try {
    configureApp(app);
    await app.init();
  } catch (error) {
    // close what did start (Redis, PostgreSQL), or Jest never exits
    await app.close().catch(() => undefined);
    throw error;
  }
  return {
    app,
    server: app.getHttpServer() as App,
    dataSource: app.get(DataSource),
    clock,
    close: () => app.close(),
  };
}

/** A cookie-keeping client signed in as the given user, with the CSRF token of its session. */
export interface SignedIn {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  userId: string;
}

export async function signIn(server: App, email: string, password: string): Promise<SignedIn> {
  const agent = request.agent(server);
  const res = await agent.post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { agent, csrf: res.body.csrfToken as string, userId: res.body.user.id as string };
}
