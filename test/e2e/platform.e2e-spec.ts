import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { SessionStore } from '../../apps/api/src/http/session-store';
import { createTestApp, TestApp } from '../setup/test-app';

describe('platform (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('serves a valid OpenAPI document listing the routes, and its UI', async () => {
    const res = await request(t.server).get('/api/openapi.json').expect(200);
    const document = res.body as { openapi: string; paths: Record<string, unknown> };
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect(document.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/auth/login',
      '/api/auth/register',
      '/api/memberships/{id}/approve',
      '/api/municipalities',
      '/health',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    const ui = await request(t.server).get('/api/docs').redirects(1).expect(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('reports database and Redis on /health', async () => {
    const res = await request(t.server).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('sends helmet headers and a request id on every answer', async () => {
    const res = await request(t.server).get('/health').set('X-Request-Id', 'trace-abc-123').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    const generated = await request(t.server).get('/health').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an oversized body with 413 in the error shape', async () => {
    const res = await request(t.server)
      .post('/api/auth/register')
      .send({ email: 'a@b.hu', name: 'x'.repeat(1_100_000) })
      .expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('closing the api (e2e)', () => {
  it("stops the session store's pruning before the database pool ends", async () => {
    const t = await createTestApp();
    const { store } = t.app.get(SessionStore);
    const pool = (t.dataSource.driver as unknown as { master: { ended: boolean } }).master;
    let poolEndedWhenStoreClosed: boolean | undefined;
    const close = store.close.bind(store);
    store.close = () => {
      poolEndedWhenStoreClosed = pool.ended;
      close();
    };
    await t.close();
    expect(poolEndedWhenStoreClosed).toBe(false);
    expect((store as unknown as { closed: boolean }).closed).toBe(true);
    expect(pool.ended).toBe(true);
  });
});

describe('hostile bodies (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['an array', '[]'],
    ['null', 'null'],
    ['a string', '"text"'],
    ['a number', '42'],
    ['a __proto__ key', '{"__proto__": {"roles": ["admin"]}, "email": "x@y.hu"}'],
    ['a constructor key', '{"constructor": {"prototype": {"isAdmin": true}}}'],
    ['deep nesting', `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`],
  ])('refuses %s as a registration body with a 4xx in the error shape', async (_what, body) => {
    const res = await request(t.server).post('/api/auth/register').set('Content-Type', 'application/json').send(body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(typeof res.body.error.code).toBe('string');
    expect(typeof res.body.error.message).toBe('string');
    expect(({} as Record<string, unknown>).roles).toBeUndefined();
  });

  it('refuses an unsupported ?lang= with 400 naming it', async () => {
    const res = await request(t.server).get('/api/organisations?lang=de').expect(400);
    expect(res.body.error.fields).toEqual({ lang: 'A megengedett értékek egyike kell legyen: hu, en.' });
  });
});

describe('every route, called anonymously (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  /** A plausible value for a path parameter: the routes must refuse it cleanly, never fail. */
  function fill(path: string): string {
    return path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'ksh') return '04880';
      if (name === 'number') return '1';
      if (name === 'token') return 'x'.repeat(43);
      return '00000000-0000-4000-8000-000000000000';
    });
  }

  it('answers each route of the OpenAPI document without a 5xx, in the one error shape when it refuses', async () => {
    const document = (await request(t.server).get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const calls: Array<[string, string]> = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method): [string, string] => [method, fill(path)]),
    );
    expect(calls.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const [method, path] of calls) {
      const req = request(t.server)[method as 'get' | 'post' | 'patch' | 'put' | 'delete'](path);
      const res = method === 'get' || method === 'delete' ? await req : await req.send({});
      if (res.status >= 500) failures.push(`${method.toUpperCase()} ${path} → ${res.status}`);
      else if (res.status >= 400 && typeof res.body?.error?.code !== 'string') {
        failures.push(`${method.toUpperCase()} ${path} → ${res.status} without the error shape`);
      }
    }
    expect(failures).toEqual([]);
  });
});
