import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Client } from 'pg';
import request from 'supertest';
import { overrideEnv } from '@portal/config';
import { OutboxRelay } from '@portal/queue';
import { newCall, newDeadlineExtension } from '../factories/calls';
import { buildCall } from '../factories/call-builder';
import { newJuror, scoringCall, seatJurors } from '../factories/jury';
import { anyMunicipalities } from '../factories/municipalities';
import { FACTORY_PASSWORD, newUser } from '../factories/users';
import {
  bodyArbitrary,
  CURRENT_VERSION,
  type FuzzBody,
  type FuzzPools,
  listQueryArbitrary,
  listRoutes,
  type ListRoute,
  type OpenApiDocument,
  pathArbitrary,
  type Role,
  sometimes,
  writeQueryArbitrary,
  writeRoutes,
  type WriteRoute,
} from '../setup/fuzz-arbitraries';
import { createOwnDatabase, type OwnDatabase } from '../setup/own-database';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../setup/test-app';
import { isolateQueuePrefix } from '../setup/test-worker';

/**
 * Fuzzing every write route of the api from its DTOs (issue 6, point 3). fast-check builds
 * requests from the OpenAPI document (so from the DTOs' swagger decorators): clean bodies,
 * bodies mutated in hostile ways (wrong kinds, missing, unknown, duplicate and `__proto__`
 * keys, huge strings and arrays, deep nesting, Unicode and injection strings), hostile
 * whole bodies and content types, path parameters that are the fixture's ids or garbage, and
 * odd headers; each goes out as a user who can get past the route's guards (sometimes as one
 * who cannot). The list routes get hostile query strings likewise.
 *
 * No answer may be a 5xx; every refusal (4xx) must have the one error shape; and a refused
 * request must store nothing. For that, a trigger on every table (but `user_session`, which
 * express-session's rolling sessions touch on every request) logs each committed row change
 * (rolled-back ones vanish with their transaction); the requests go one at a time, the outbox
 * relay a request may have started is awaited, and the log is read after each: any change
 * after a 4xx fails the run, as does a changed file in the upload storage. Failed logins count
 * in Redis only, so nothing else needs excluding.
 *
 * This file runs on a database of its own (the triggers stay out of the run's database),
 * committing without waiting for the disk. The seed is fixed; on a failure the report names
 * it with fast-check's shrunk counterexample. FUZZ_SEED changes the seed, FUZZ_RUNS the runs
 * per write route, FUZZ_ONLY (a pattern such as "PATCH /api/applications/") runs only the
 * matching routes (the state then differs: a failure may need the whole run to show), and
 * FUZZ_VERBOSE prints the statuses each route answered.
 */

const NOW = new Date('2026-05-10T08:00:00Z');
const DAY = 86_400_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_510);
const MIN_WRITE_REQUESTS = 10_000;
const RUNS_PER_WRITE_ROUTE = Number(process.env.FUZZ_RUNS ?? 0); // 0: enough for MIN_WRITE_REQUESTS
const RUNS_PER_LIST_ROUTE = 20;
/** Only the routes matching this pattern ("POST /api/invitations$"), for chasing one failure. */
const ONLY = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : undefined;
/** Tables whose rows change on any request, refused or not: express-session's store (rolling sessions). */
const UNWATCHED_TABLES = ['user_session'];

type Actor = 'anonymous' | Role;

interface FuzzCase {
  actor: Actor;
  csrf: 'valid' | 'missing' | 'wrong';
  path: string;
  query: string;
  body: FuzzBody;
  forwardedFor?: string;
  acceptLanguage?: string;
}

interface Answer {
  status: number;
  body: unknown;
  contentType: string;
}

const clip = (text: string, max = 300): string =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;

function describeBody(body: FuzzBody): string {
  switch (body.kind) {
    case 'none':
      return '(no body)';
    case 'json':
      return `json ${clip(JSON.stringify(body.text))}`;
    case 'raw':
      return `${body.contentType}${body.latin1 ? ' (latin1 bytes)' : ''} ${clip(JSON.stringify(body.text))}`;
    case 'multipart':
      return `multipart file=${JSON.stringify(body.fileName)} (${body.fileBytes.length} bytes) fields=${clip(JSON.stringify(body.fields))}`;
  }
}

function describeCase(method: string, c: FuzzCase): string {
  const headers = [
    c.csrf !== 'valid' ? `csrf ${c.csrf}` : '',
    c.forwardedFor !== undefined ? `X-Forwarded-For ${JSON.stringify(c.forwardedFor)}` : '',
    c.acceptLanguage !== undefined ? `Accept-Language ${JSON.stringify(c.acceptLanguage)}` : '',
  ].filter(Boolean);
  return `${method.toUpperCase()} ${clip(c.path + c.query, 200)} as ${c.actor}${headers.length ? ` [${headers.join(', ')}]` : ''} ${describeBody(c.body)}`;
}

/** Each route its own stream of cases from the one seed, the same whichever routes run. */
function seedOf(route: string): number {
  let hash = SEED | 0;
  for (const char of route) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/** The case as fast-check reports a counterexample: one line, long bodies cut. */
function readable(method: string, c: FuzzCase): FuzzCase {
  return Object.defineProperty(c, fc.toStringMethod, { value: () => describeCase(method, c), enumerable: false });
}

/** Who sends a request to a route: mostly someone who passes its guard, sometimes someone who does not. */
function actorArbitrary(path: string, access: WriteRoute['access']): fc.Arbitrary<Actor> {
  // a login that succeeded would replace the signed-in user's session (and its CSRF token)
  if (path === '/api/auth/login') return fc.constant('anonymous');
  const weights: Record<Actor, number> = { anonymous: 1, applicant: 1, coordinator: 1, juror: 1, admin: 0 };
  if (access.kind === 'public') weights.anonymous = 12;
  if (access.kind === 'signed-in') Object.assign(weights, { applicant: 8, coordinator: 4, juror: 3 });
  if (access.kind === 'roles')
    for (const role of access.roles) if (role in weights && role !== 'admin') weights[role] = 16;
  return fc.oneof(
    ...(Object.entries(weights) as Array<[Actor, number]>)
      .filter(([, weight]) => weight > 0)
      .map(([actor, weight]) => ({ weight, arbitrary: fc.constant(actor) })),
  );
}

function headersArbitrary() {
  return fc.record({
    csrf: fc.oneof(
      { weight: 30, arbitrary: fc.constant('valid' as const) },
      { weight: 1, arbitrary: fc.constant('missing' as const) },
      { weight: 1, arbitrary: fc.constant('wrong' as const) },
    ),
    forwardedFor: sometimes(
      fc.oneof(
        { weight: 8, arbitrary: fc.ipV4() },
        { weight: 1, arbitrary: fc.ipV6() },
        {
          weight: 1,
          arbitrary: fc.constantFrom('garbage', '', '1.2.3.4, 5.6.7.8', '999.999.999.999', '::ffff:127.0.0.1'),
        },
      ),
      1,
      1,
    ),
    acceptLanguage: sometimes(fc.constantFrom('en', 'hu-HU,hu;q=0.9', 'de', '*', 'en;q=NaN', 'x'.repeat(300)), 1, 6),
  });
}

/** Write routes whose accepted requests end something the others need: fuzzed after the rest. */
function destructiveness(route: WriteRoute): number {
  if (route.method === 'delete') return 2;
  return /\/(withdraw|close|decide|revoke|reject|deactivate|conflicts|publications|announce|start-scoring|auto-assign)$/.test(
    route.path,
  )
    ? 1
    : 0;
}

describe('fuzzing the write routes (e2e)', () => {
  let database: OwnDatabase;
  const original = {
    DATABASE_URL: process.env.DATABASE_URL,
    STORAGE_DIR: process.env.STORAGE_DIR,
    REDIS_PREFIX: process.env.REDIS_PREFIX,
  };
  /** Uploaded files go here (this file's own directory): a refused upload must leave none behind. */
  let storageDir: string;
  let storedFiles = '';
  let t: TestApp;
  let relay: OutboxRelay;
  let document: OpenApiDocument;
  let pools: FuzzPools;
  const signedIn = new Map<Actor, SignedIn>();
  const tally = { write: 0, list: 0, accepted: 0, refused: 0 };
  const statuses = new Map<string, Map<number, number>>();
  /** Refusals by the validation (of a body, a path parameter or a query) per route: proof that requests got that far. */
  const validated = new Map<string, number>();

  /** The committed row changes not seen before (taken from the log: one committed late is still seen, once). */
  async function newWrites(): Promise<Array<{ table_name: string; op: string }>> {
    return t.dataSource.query<Array<{ table_name: string; op: string }>>(
      'WITH taken AS (DELETE FROM fuzz_write_log RETURNING id, table_name, op) SELECT table_name, op FROM taken ORDER BY id',
    );
  }

  /** The files in the storage, as one string to compare. */
  async function files(): Promise<string> {
    return (await readdir(storageDir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort()
      .join('\n');
  }

  /** The current version of the entity the path names, for bodies that carry CURRENT_VERSION. */
  async function currentVersion(path: string): Promise<string> {
    const match = /^\/api\/(calls|applications|rounds|assignments)\/([0-9a-f-]{36})(\/|$)/i.exec(path);
    if (!match) return '1';
    const table = { calls: 'call', applications: 'application', rounds: 'scoring_round', assignments: 'assignment' }[
      match[1] as 'calls'
    ];
    const [row] = await t.dataSource.query<Array<{ version: number }>>(`SELECT version FROM ${table} WHERE id = $1`, [
      match[2].toLowerCase(),
    ]);
    return String(row?.version ?? 1);
  }

  async function send(method: string, c: FuzzCase): Promise<Answer> {
    const who = c.actor === 'anonymous' ? undefined : signedIn.get(c.actor);
    if (c.actor !== 'anonymous' && !who) throw new Error(`no signed-in ${c.actor}`);
    const client = who ? who.agent : request(t.server);
    let req = client[method as 'post'](c.path + c.query);
    if (who && c.csrf === 'valid') req = req.set('X-CSRF-Token', who.csrf);
    if (who && c.csrf === 'wrong') req = req.set('X-CSRF-Token', `${who.csrf.slice(0, -2)}xx`);
    if (c.forwardedFor !== undefined) req = req.set('X-Forwarded-For', c.forwardedFor);
    if (c.acceptLanguage !== undefined) req = req.set('Accept-Language', c.acceptLanguage);
    const body = c.body;
    if (body.kind === 'json') {
      const text = body.text.includes(CURRENT_VERSION)
        ? body.text.replaceAll(CURRENT_VERSION, await currentVersion(c.path))
        : body.text;
      req = req.set('Content-Type', 'application/json').send(text);
    } else if (body.kind === 'raw') {
      req = req.set('Content-Type', body.contentType).send(body.latin1 ? Buffer.from(body.text, 'latin1') : body.text);
    } else if (body.kind === 'multipart') {
      for (const [name, value] of body.fields) req = req.field(name, value);
      req = req.attach('file', Buffer.from(body.fileBytes, 'latin1'), body.fileName);
    }
    const res = await req;
    return { status: res.status, body: res.body as unknown, contentType: String(res.headers['content-type'] ?? '') };
  }

  /** What is wrong with a refusal's body, if anything: the one error shape is `{ error: { code, message, fields? } }`. */
  function shapeProblem(answer: Answer): string | undefined {
    const error = (answer.body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | undefined)
      ?.error;
    const fields = error?.fields;
    const fieldsOk =
      fields === undefined ||
      (typeof fields === 'object' &&
        fields !== null &&
        !Array.isArray(fields) &&
        Object.values(fields).every((v) => typeof v === 'string'));
    if (!answer.contentType.startsWith('application/json')) return `answered ${answer.status} in ${answer.contentType}`;
    if (typeof error?.code !== 'string' || typeof error.message !== 'string' || error.message === '' || !fieldsOk) {
      return `answered ${answer.status} without the error shape`;
    }
    return undefined;
  }

  /** Sends one case, then checks the answer and what was stored; throws a readable description when something is wrong. */
  async function check(method: string, route: string, c: FuzzCase): Promise<void> {
    const answer = await send(method, c);
    // an accepted request may have nudged the outbox relay: what it writes belongs to that request
    await relay.settled();
    const writes = await newWrites();
    const before = storedFiles;
    storedFiles = await files();
    const name = `${method.toUpperCase()} ${route}`;
    const counts = statuses.get(name) ?? new Map<number, number>();
    statuses.set(name, counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1));
    if ((answer.body as { error?: { code?: unknown } } | undefined)?.error?.code === 'VALIDATION_FAILED') {
      validated.set(name, (validated.get(name) ?? 0) + 1);
    }
    const problems: string[] = [];
    if (answer.status >= 400 && answer.status < 500) {
      tally.refused++;
      const shape = shapeProblem(answer);
      if (shape) problems.push(shape);
      if (writes.length) {
        const changed = [...new Set(writes.map((w) => `${w.op} ${w.table_name}`))];
        problems.push(`answered ${answer.status} but stored: ${changed.join(', ')}`);
      }
      if (storedFiles !== before) problems.push(`answered ${answer.status} but changed the stored files`);
    } else if (answer.status >= 200 && answer.status < 300) tally.accepted++;
    else problems.push(`answered ${answer.status}`);
    if (problems.length) {
      throw new Error(
        `${problems.join('; ')}\n  request: ${describeCase(method, c)}\n  answer: ${clip(JSON.stringify(answer.body), 600)}`,
      );
    }
  }

  beforeAll(async () => {
    database = await createOwnDatabase();
    storageDir = await mkdtemp(join(tmpdir(), 'logy-fuzz-uploads-'));
    overrideEnv({ DATABASE_URL: database.url, STORAGE_DIR: storageDir });
    // the failed logins it sends count against 127.0.0.1 in Redis: under a prefix of its own, they
    // do not lock the suites that run after it out
    isolateQueuePrefix();
    {
      // commits of this throwaway database need not wait for the disk (visibility is the same): half the run time
      const client = new Client({ connectionString: database.url });
      await client.connect();
      await client.query(
        `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET synchronous_commit = off', current_database()); END $$`,
      );
      await client.end();
    }
    t = await createTestApp({ now: NOW });
    relay = t.app.get(OutboxRelay);
    // one listening server for every request (supertest would otherwise listen anew for each)
    await t.app.listen(0, '127.0.0.1');
    const ds = t.dataSource;

    // -- the fixture: a draft call, an open call with a draft application, a call in scoring with a round
    const [applicantKsh, pendingKsh] = anyMunicipalities(2).map((m) => m.kshCode);
    const scoring = await scoringCall(ds, { now: NOW, applications: 4 });
    const coordinator = scoring.coordinator;
    const openCall = await newCall(ds, {
      closesAt: new Date(NOW.getTime() + 20 * DAY),
      questions: [
        { kind: 'short_text', required: true },
        { kind: 'long_text' },
        { kind: 'number' },
        { kind: 'date' },
        { kind: 'single_choice' },
      ],
    });
    const draftCall = await buildCall(ds, { themes: 2, criteria: 2, questions: 2 });
    const applicant = await newUser(ds, { roles: ['applicant'], municipalityKsh: applicantKsh, name: 'Pályázó Őrs' });
    const victim = await newUser(ds, {
      roles: ['applicant'],
      municipalityKsh: pendingKsh,
      membershipStatus: 'pending',
    });
    const jurors = [await newJuror(ds, { organisationCode: 'BM' }), await newJuror(ds, { organisationCode: 'TÖOSZ' })];
    const memberIds = await seatJurors(ds, scoring.id, jurors, { addedBy: coordinator.id });
    const unseated = await newJuror(ds, { organisationCode: 'HOA' });
    const extension = await newDeadlineExtension(ds, {
      callId: openCall.id,
      municipalityKsh: applicantKsh,
      closesAt: new Date(NOW.getTime() + 25 * DAY),
      grantedBy: coordinator.id,
    });

    for (const [actor, user] of [
      ['coordinator', coordinator],
      ['applicant', applicant],
      ['juror', jurors[0]],
    ] as const) {
      signedIn.set(actor, await signIn(t.server, user.email, user.password));
    }
    const as = (actor: Actor) => signedIn.get(actor)!;
    const post = (actor: Actor, url: string, body: object) =>
      as(actor).agent.post(url).set('X-CSRF-Token', as(actor).csrf).send(body);

    const created = await post('applicant', `/api/calls/${openCall.id}/applications`, {
      themeId: openCall.themes[0].id,
      municipalityKsh: applicantKsh,
    }).expect(201);
    const round = await post('coordinator', `/api/calls/${scoring.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 10 * DAY).toISOString(),
    }).expect(201);
    const assignmentIds: string[] = [];
    for (const application of scoring.applications) {
      for (const memberId of memberIds) {
        const res = await post('coordinator', `/api/rounds/${round.body.id}/assignments`, {
          applicationId: application.id,
          juryMemberId: memberId,
        });
        if (res.status === 201) assignmentIds.push(res.body.id as string);
      }
    }
    expect(assignmentIds.length).toBeGreaterThan(0);

    const organisations = await ds.query<Array<{ id: string; code: string }>>('SELECT id, code FROM organisation');
    const [membership] = await ds.query<Array<{ id: string }>>('SELECT id FROM membership WHERE user_id = $1', [
      victim.id,
    ]);
    const roundCriteria = await ds.query<Array<{ id: string }>>('SELECT id FROM round_criterion WHERE round_id = $1', [
      round.body.id,
    ]);
    const wall = (offsetDays: number, time = '12:00') =>
      `${new Date(NOW.getTime() + offsetDays * DAY).toISOString().slice(0, 10)}T${time}`;
    pools = {
      ids: {
        call: [draftCall.id, openCall.id, scoring.id],
        theme: [...draftCall.themeIds, ...openCall.themes.map((x) => x.id), ...scoring.themes.map((x) => x.id)],
        criterion: [...draftCall.criterionIds, ...scoring.criteria.map((x) => x.id), ...roundCriteria.map((x) => x.id)],
        question: [...draftCall.questionIds, ...openCall.questions.map((x) => x.id)],
        application: [created.body.id as string, ...scoring.applications.map((x) => x.id)],
        round: [round.body.id as string],
        juryMember: memberIds,
        assignment: assignmentIds,
        // of the users who fuzz only the coordinator (CANNOT_DEACTIVATE_SELF): deactivating another would end its part
        user: [victim.id, coordinator.id, jurors[1].id, unseated.id],
        membership: [membership.id],
        organisation: organisations.map((o) => o.id),
        extension: [extension],
        publication: [randomUUID()],
        attachment: [randomUUID()],
      },
      emails: [coordinator.email, applicant.email, victim.email, jurors[0].email, 'uj.felhasznalo@teszt.hu'],
      passwords: [FACTORY_PASSWORD, 'Új-jelszó-2026-ŐŰ', 'rövid'],
      ksh: [applicantKsh, pendingKsh, ...scoring.applications.map((a) => a.municipalityKsh), '25584', '04880'],
      organisationCodes: organisations.map((o) => o.code),
      awardLevels: ['winner', 'special_prize', 'honourable_mention', 'first', 'second'],
      instants: [
        wall(1),
        wall(12, '23:59'),
        wall(30, '23:59'),
        wall(45),
        wall(-1),
        wall(-40),
        new Date(NOW.getTime() + 5 * DAY).toISOString(),
        new Date(NOW.getTime() + 50 * DAY).toISOString(),
        '2027-02-01T09:00',
        '2027-03-31T23:59:00+02:00',
        '2027-05-31T23:59',
        '2027-06-15T10:00',
      ],
      related: {
        [openCall.id]: {
          theme: openCall.themes.map((x) => x.id),
          question: openCall.questions.map((x) => x.id),
          application: [created.body.id as string],
          ksh: [applicantKsh],
        },
        [created.body.id as string]: { question: openCall.questions.map((x) => x.id), ksh: [applicantKsh] },
        [draftCall.id]: {
          theme: draftCall.themeIds,
          criterion: draftCall.criterionIds,
          question: draftCall.questionIds,
        },
        [scoring.id]: {
          theme: scoring.themes.map((x) => x.id),
          criterion: scoring.criteria.map((x) => x.id),
          application: scoring.applications.map((x) => x.id),
          juryMember: memberIds,
          user: [unseated.id],
        },
        [round.body.id as string]: {
          application: scoring.applications.map((x) => x.id),
          juryMember: memberIds,
          criterion: roundCriteria.map((x) => x.id),
        },
        ...Object.fromEntries(assignmentIds.map((id) => [id, { criterion: roundCriteria.map((x) => x.id) }])),
      },
      instantsByField: {
        submissionOpensAt: [wall(1, '09:00'), wall(-3)],
        submissionClosesAt: [wall(30, '23:59'), new Date(NOW.getTime() + 31 * DAY).toISOString()],
        scoringClosesAt: [wall(60, '23:59')],
        resultsAt: [wall(75, '10:00')],
        opensAt: [wall(-1), NOW.toISOString()],
        closesAt: [wall(12, '23:59'), wall(25)],
      },
    };

    document = (await request(t.server).get('/api/openapi.json').expect(200)).body as OpenApiDocument;
    storedFiles = await files();

    // -- every committed row change of every table (but the session store) is logged, transactions and all
    const tables = await ds.query<Array<{ table_name: string }>>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    await ds.query(
      `CREATE TABLE fuzz_write_log (id bigserial PRIMARY KEY, table_name text NOT NULL, op text NOT NULL)`,
    );
    await ds.query(`CREATE FUNCTION fuzz_log_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO fuzz_write_log (table_name, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$`);
    for (const { table_name: table } of tables) {
      if (UNWATCHED_TABLES.includes(table)) continue;
      await ds.query(
        `CREATE TRIGGER fuzz_log AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION fuzz_log_write()`,
      );
      await ds.query(
        `CREATE TRIGGER fuzz_log_truncate AFTER TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION fuzz_log_write()`,
      );
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await database?.drop();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
    overrideEnv(original);
  });

  it('notices a committed write and ignores a rolled-back one (the detector works)', async () => {
    await newWrites();
    await t.dataSource
      .transaction(async (manager) => {
        await manager.query(`UPDATE call SET title_en = title_en WHERE id = $1`, [pools.ids.call[0]]);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await newWrites()).toEqual([]);
    await t.dataSource.query(`UPDATE call SET title_en = title_en WHERE id = $1`, [pools.ids.call[0]]);
    expect(await newWrites()).toEqual([expect.objectContaining({ table_name: 'call', op: 'UPDATE' })]);
  });

  it('answers at least 10,000 hostile write requests without a 5xx, refusing in the error shape and storing nothing', async () => {
    const routes = writeRoutes(document)
      // a successful logout would end the session of the user who fuzzes; it takes no body
      .filter((r) => r.path !== '/api/auth/logout')
      .map((route, index) => ({ route, index }))
      .sort((a, b) => destructiveness(a.route) - destructiveness(b.route) || a.index - b.index)
      .map(({ route }) => route);
    expect(routes.length).toBeGreaterThan(50);
    // the api runs in this process: a polluted Object.prototype would show here
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const runs = RUNS_PER_WRITE_ROUTE || Math.ceil((MIN_WRITE_REQUESTS * 1.02) / routes.length);
    const failures: string[] = [];
    for (const route of routes) {
      const name = `${route.method.toUpperCase()} ${route.path}`;
      if (ONLY && !ONLY.test(name)) continue;
      const cases = fc
        .tuple(
          actorArbitrary(route.path, route.access),
          headersArbitrary(),
          pathArbitrary(route, pools).chain((path) => fc.tuple(fc.constant(path), bodyArbitrary(route, path, pools))),
          writeQueryArbitrary(),
        )
        .map(([actor, headers, [path, body], query]) =>
          readable(route.method, { actor, ...headers, path, query, body }),
        );
      try {
        await fc.assert(
          fc.asyncProperty(cases, async (c) => {
            tally.write++;
            await check(route.method, route.path, c);
          }),
          { seed: seedOf(name), numRuns: runs, includeErrorInReport: true },
        );
      } catch (error) {
        failures.push(`${name} (FUZZ_SEED=${SEED}):\n${(error as Error).message}`);
      }
    }
    if (process.env.FUZZ_VERBOSE) {
      const lines = [...statuses].map(
        ([route, counts]) =>
          `${route}: ${[...counts]
            .sort(([a], [b]) => a - b)
            .map(([status, n]) => `${status}×${n}`)
            .join(' ')}`,
      );
      process.stdout.write(`${JSON.stringify(tally)}\n${lines.join('\n')}\n`);
    }
    expect(failures).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    if (ONLY) return;
    expect(tally.write).toBeGreaterThanOrEqual(MIN_WRITE_REQUESTS);
    // not vacuous: every route got past its guards to the validation, some requests were accepted,
    // and the users who fuzzed are still signed in
    const names = routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(names.filter((name) => !validated.get(name))).toEqual([]);
    expect(tally.accepted).toBeGreaterThan(routes.length);
    for (const who of signedIn.values()) expect((await who.agent.get('/api/auth/me')).status).toBe(200);
  }, 900_000);

  it('answers hostile query strings on the list routes likewise', async () => {
    const routes: ListRoute[] = listRoutes(document);
    expect(routes.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const route of routes) {
      if (ONLY && !ONLY.test(`GET ${route.path}`)) continue;
      const cases = fc
        .tuple(actorArbitrary(route.path, route.access), pathArbitrary(route, pools), listQueryArbitrary(route, pools))
        .map(([actor, path, query]) => readable('get', { actor, csrf: 'valid', path, query, body: { kind: 'none' } }));
      try {
        await fc.assert(
          fc.asyncProperty(cases, async (c) => {
            tally.list++;
            await check('get', route.path, c);
          }),
          { seed: seedOf(`GET ${route.path}`), numRuns: RUNS_PER_LIST_ROUTE, includeErrorInReport: true },
        );
      } catch (error) {
        failures.push(`GET ${route.path} (FUZZ_SEED=${SEED}):\n${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    if (!ONLY) expect(tally.list).toBeGreaterThanOrEqual(routes.length * RUNS_PER_LIST_ROUTE);
  }, 300_000);
});
