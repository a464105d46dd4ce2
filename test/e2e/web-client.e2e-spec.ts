// The web portal's api client cannot drift from the api: the committed OpenAPI document
// (apps/web/openapi.json) is the one the api serves, and the committed generated client is what
// @hey-api/openapi-ts makes of it. With WEB_CLIENT_WRITE=1 (`npm run web:client`) this file
// writes both instead, and then checks them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import express from 'express';
import request from 'supertest';
import { fromRoot } from '@portal/core';
import { webStatic } from '../../apps/api/src/http/web-static';
import { createTestApp, TestApp } from '../setup/test-app';

const DOCUMENT = fromRoot('apps/web/openapi.json');
const GENERATED = fromRoot('apps/web/src/api/generated');
const CONFIG = fromRoot('apps/web/openapi-ts.config.ts');
const CLI = fromRoot('node_modules/@hey-api/openapi-ts/bin/run.js');
const PRETTIER = fromRoot('node_modules/prettier/bin/prettier.cjs');
const RUN = 'run `npm run web:client` and commit apps/web/openapi.json and apps/web/src/api/generated';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Formatted as `prettier --write` formats the committed file at `committedPath`. */
function format(committedPath: string, text: string): string {
  // the CLI: prettier's API loads its plugins with import(), which Jest's CommonJS runtime refuses
  return execFileSync(process.execPath, [PRETTIER, '--stdin-filepath', committedPath], {
    cwd: fromRoot(),
    input: text,
    encoding: 'utf8',
  });
}

/** Runs @hey-api/openapi-ts with apps/web/openapi-ts.config.ts on `input` into `output`. */
function generate(input: string, output: string): void {
  execFileSync(process.execPath, [CLI, '--file', CONFIG, '--silent', '--no-log-file'], {
    cwd: fromRoot(),
    env: { ...process.env, WEB_CLIENT_INPUT: input, WEB_CLIENT_OUTPUT: output },
    stdio: 'pipe',
  });
}

/** The generated files of `dir`, each formatted as its committed counterpart. */
function formattedFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of filesUnder(dir)) {
    files.set(file, format(join(GENERATED, file), readFileSync(join(dir, file), 'utf8')));
  }
  return files;
}

describe('web client (e2e)', () => {
  let t: TestApp;
  let served: unknown;
  let scratch: string;

  beforeAll(async () => {
    t = await createTestApp();
    served = (await request(t.server).get('/api/openapi.json').expect(200)).body;
    scratch = mkdtempSync(join(tmpdir(), 'web-client-'));
    if (process.env.WEB_CLIENT_WRITE === '1') {
      writeFileSync(DOCUMENT, format(DOCUMENT, JSON.stringify(served)));
      rmSync(GENERATED, { recursive: true, force: true });
      generate(DOCUMENT, GENERATED);
      for (const [file, text] of formattedFiles(GENERATED)) writeFileSync(join(GENERATED, file), text);
    }
  }, 120_000);

  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await t.close();
  });

  it("keeps the api's JSON 404 for unknown /api paths, whatever the request accepts", async () => {
    const res = await request(t.server).get('/api/nope').set('Accept', 'text/html').expect(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('commits the OpenAPI document the api serves', () => {
    const committed: unknown = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
    if (!isDeepStrictEqual(committed, served)) {
      throw new Error(`apps/web/openapi.json differs from the api's /api/openapi.json: ${RUN}`);
    }
  });

  it('commits the client generated from that document', () => {
    const input = join(scratch, 'openapi.json');
    writeFileSync(input, JSON.stringify(served));
    const output = join(scratch, 'generated');
    generate(input, output);
    const fresh = formattedFiles(output);
    const committed = new Map(filesUnder(GENERATED).map((file) => [file, readFileSync(join(GENERATED, file), 'utf8')]));
    const differing = [...new Set([...fresh.keys(), ...committed.keys()])].filter(
      (file) => fresh.get(file) !== committed.get(file),
    );
    if (differing.length > 0) {
      throw new Error(`apps/web/src/api/generated differs from a fresh generation (${differing.join(', ')}): ${RUN}`);
    }
  }, 60_000);
});

describe('web portal on the api origin (e2e)', () => {
  let dir: string;
  let app: express.Express;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'web-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>portal</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
    app = express();
    app.use(webStatic(dir));
    app.use((_req, res) => void res.status(404).json({ error: { code: 'ROUTE_NOT_FOUND' } }));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers index.html, never cached, for the pages of the portal', async () => {
    for (const path of ['/', '/eredmenyek/2021', '/belepes']) {
      const res = await request(app).get(path).set('Accept', 'text/html').expect(200);
      expect(res.text).toContain('<title>portal</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache', async () => {
    const res = await request(app).get('/assets/index-abc123.js').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('leaves /api, /health, other methods and non-HTML requests to the api', async () => {
    await request(app)
      .get('/api/nope')
      .set('Accept', 'text/html')
      .expect(404, { error: { code: 'ROUTE_NOT_FOUND' } });
    await request(app).get('/health').set('Accept', 'text/html').expect(404);
    await request(app).post('/eredmenyek').set('Accept', 'text/html').expect(404);
    await request(app).get('/eredmenyek').set('Accept', 'application/json').expect(404);
    await request(app).get('/assets/missing.js').set('Accept', '*/*').expect(404);
  });

  it('passes everything on without a build', async () => {
    const bare = express();
    bare.use(webStatic(join(dir, 'missing')));
    bare.use((_req, res) => void res.status(404).end());
    await request(bare).get('/').set('Accept', 'text/html').expect(404);
  });
});
