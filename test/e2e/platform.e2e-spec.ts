import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
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
