import request from 'supertest';
import { PublicationsService } from '@portal/results';
import { FileStorage } from '@portal/storage';
import { ACCESS_POLICY, type AccessCase, type Caller, CALLERS, type FixtureIds, type Outcome } from '../access-policy';
import { buildCall } from '../factories/call-builder';
import { newCall, newDeadlineExtension } from '../factories/calls';
import { newJuror, scoringCall, seatJurors } from '../factories/jury';
import { anyMunicipalities } from '../factories/municipalities';
import { newUser, type TestUser } from '../factories/users';
import { SAMPLES } from '../fixtures/files';
import { fillPath, pathParams, type ServedRoute, servedRoutes } from '../setup/routes';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../setup/test-app';
import { isolateQueuePrefix } from '../setup/test-worker';

const NOW = new Date('2026-05-10T08:00:00Z');
const DAY = 86_400_000;

interface Answer {
  status: number;
  body: unknown;
}

/** Fails the fixture with the answer in the message (a setup step that did not do what it should). */
function expectStatus(res: Answer, status: number, what: string): Record<string, unknown> {
  if (res.status !== status) throw new Error(`fixture: ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown>;
}

function post(who: SignedIn, url: string, body: object = {}) {
  return who.agent.post(url).set('X-CSRF-Token', who.csrf).send(body);
}
function put(who: SignedIn, url: string, body: object = {}) {
  return who.agent.put(url).set('X-CSRF-Token', who.csrf).send(body);
}
function patch(who: SignedIn, url: string, body: object = {}) {
  return who.agent.patch(url).set('X-CSRF-Token', who.csrf).send(body);
}

/** What is wrong with a refusal's body, if anything: the one error shape `{ error: { code, message, fields? } }`. */
function shapeProblem(body: unknown): string | null {
  const error = (body as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
  if (!error || typeof error !== 'object') return 'no error object';
  if (typeof error.code !== 'string' || !error.code) return 'no error code';
  if (typeof error.message !== 'string' || !error.message) return 'no error message';
  if (error.fields !== undefined) {
    const fields = error.fields as Record<string, unknown> | null;
    if (!fields || typeof fields !== 'object' || Object.values(fields).some((v) => typeof v !== 'string')) {
      return 'fields not a map of messages';
    }
  }
  return null;
}

/** Statuses that only come after the access checks passed (validation runs after the guards). */
const GRANTED_REFUSALS = new Set([400, 409, 413, 422]);
const EXPECTED: Record<Exclude<Outcome, 'allow'>, { status: number; code: string }> = {
  deny401: { status: 401, code: 'UNAUTHENTICATED' },
  deny403: { status: 403, code: 'FORBIDDEN' },
  deny404: { status: 404, code: 'NOT_FOUND' },
  sealed: { status: 403, code: 'SCORES_SEALED' },
  absent: { status: 404, code: 'ROUTE_NOT_FOUND' },
};

/** Null when the answer matches the outcome; else what was got. */
function mismatch(res: Answer, outcome: Outcome): string | null {
  const code = (res.body as { error?: { code?: unknown } } | null)?.error?.code;
  const got = `${res.status}${typeof code === 'string' ? ` ${code}` : ''}`;
  if (res.status >= 500) return `${got} (5xx)`;
  if (res.status >= 400) {
    const problem = shapeProblem(res.body);
    if (problem) return `${got} (error body: ${problem})`;
  }
  if (outcome === 'allow') return res.status < 400 || GRANTED_REFUSALS.has(res.status) ? null : got;
  const want = EXPECTED[outcome];
  return res.status === want.status && code === want.code ? null : got;
}

function casesOf(key: string): readonly AccessCase[] {
  const policy = ACCESS_POLICY[key];
  return Array.isArray(policy) ? policy : [policy as AccessCase];
}

describe('access matrix: every route × every kind of caller (e2e)', () => {
  let t: TestApp;
  let ids: FixtureIds;
  const agents = {} as Record<Exclude<Caller, 'anonymous'>, SignedIn>;
  const users = {} as Record<Exclude<Caller, 'anonymous'>, TestUser>;

  beforeAll(async () => {
    // own queue keys and login-throttle keys: nothing of this file meets another file's worker or counters
    isolateQueuePrefix();
    t = await createTestApp({ now: NOW });
    const ds = t.dataSource;
    const [mA, mB, mC, mX, mY, ...mPublished] = anyMunicipalities(8).map((m) => m.kshCode);

    users.applicantA = await newUser(ds, { municipalityKsh: mA, name: 'Ács Anna' });
    users.applicantB = await newUser(ds, { municipalityKsh: mB, name: 'Bíró Béla' });
    users.pending = await newUser(ds, { municipalityKsh: mA, membershipStatus: 'pending', name: 'Pintér Piroska' });
    users.juror = await newJuror(ds, { organisationCode: 'BM', name: 'Zsűri Zoltán' });
    users.conflictedJuror = await newJuror(ds, { organisationCode: 'TÖOSZ', name: 'Érintett Ödön' });
    users.coordinator = await newUser(ds, { roles: ['coordinator'], name: 'Koordinátor Kata' });
    users.admin = await newUser(ds, { roles: ['admin'], name: 'Admin Ádám' });
    users.deactivated = await newUser(ds, {
      roles: ['coordinator', 'admin'],
      municipalityKsh: mA,
      name: 'Volt Vezető',
    });
    for (const caller of CALLERS) {
      if (caller === 'anonymous') continue;
      agents[caller] = await signIn(t.server, users[caller].email, users[caller].password);
    }
    const { applicantA: a, applicantB: b, coordinator: coord } = agents;

    // callOpen: A and B apply through the api (real attachments, real receipts)
    const open = await newCall(ds, { closesAt: new Date(NOW.getTime() + 30 * DAY) });
    const complete = {
      title: 'Közösségi kert a volt piactéren',
      summary: 'Összefoglaló',
      problem: 'Probléma',
      practice: 'Gyakorlat',
      results: 'Eredmények',
      costHuf: 1_500_000,
      communityParticipation: 'Részvétel',
      sustainability: 'Fenntarthatóság',
      adoption: 'Átvehetőség',
      startDate: '2019-03-01',
      contact: { name: 'Ács Anna', position: 'jegyző', email: 'jegyzo@example.hu', phone: '+36 1 234 5678' },
    };
    const draft = async (who: SignedIn, themeIndex: number, ksh: string): Promise<string> =>
      expectStatus(
        await post(who, `/api/calls/${open.id}/applications`, {
          themeId: open.themes[themeIndex].id,
          municipalityKsh: ksh,
        }),
        201,
        'create a draft',
      ).id as string;
    const upload = async (who: SignedIn, applicationId: string, name: string): Promise<string> =>
      expectStatus(
        await who.agent
          .post(`/api/applications/${applicationId}/attachments`)
          .set('X-CSRF-Token', who.csrf)
          .attach('file', SAMPLES.pdf, name),
        201,
        'upload an attachment',
      ).id as string;
    const submitted = async (who: SignedIn, themeIndex: number, ksh: string): Promise<[string, string]> => {
      const id = await draft(who, themeIndex, ksh);
      expectStatus(await patch(who, `/api/applications/${id}`, { version: 1, content: complete }), 200, 'fill in');
      const attachment = await upload(who, id, 'Költségvetés.pdf');
      expectStatus(await post(who, `/api/applications/${id}/submit`), 201, 'submit');
      return [id, attachment];
    };
    const [appASubmitted] = await submitted(a, 0, mA);
    const appADraft = await draft(a, 1, mA);
    const attachmentA = await upload(a, appADraft, 'Terv.pdf');
    const attachmentAThrowaway = await upload(a, appADraft, 'Piszkozat.pdf');
    const appAWithdrawable = await draft(a, 2, mA);
    const [, attachmentB] = await submitted(b, 0, mB);
    await draft(b, 1, mB);
    const extension = (ksh: string) =>
      newDeadlineExtension(ds, {
        callId: open.id,
        municipalityKsh: ksh,
        closesAt: new Date(NOW.getTime() + 40 * DAY),
        grantedBy: users.coordinator.id,
      });

    // callDraft: not announced
    const callDraft = await buildCall(ds, { themes: 3, criteria: 3, questions: 3 });

    // throwaway objects of the user and membership routes
    const throwawayUser = await newUser(ds, { name: 'Eldobható Elek' });
    const applicantOfC = await newUser(ds, { municipalityKsh: mC, membershipStatus: 'pending' });
    const [membership] = await ds.query<Array<{ id: string }>>(`SELECT id FROM membership WHERE user_id = $1`, [
      applicantOfC.id,
    ]);
    const [invitation] = await ds.query<Array<{ id: string }>>(
      `INSERT INTO invitation (email, name, role, token_hash, invited_by, expires_at)
       VALUES ('meghivott@teszt.hu', 'Meghívott Márta', 'coordinator', 'access-matrix-invitation', $1, $2) RETURNING id`,
      [users.coordinator.id, new Date(NOW.getTime() + 14 * DAY)],
    );

    // callScoring: round 1 open; the juror and the conflicted juror assigned to A's application
    const scoring = await scoringCall(ds, { now: NOW, applications: 4, municipalityKsh: [mA, mB, mX, mY] });
    const [scoringAppA, , scoringAppX, scoringAppY] = scoring.applications;
    const storage = t.app.get(FileStorage);
    const stored = await storage.put(SAMPLES.pdf);
    const [file] = await ds.query<Array<{ id: string }>>(
      `INSERT INTO application_attachment (application_id, storage_key, display_name, kind, mime, size_bytes, sha256, uploaded_by)
       VALUES ($1, $2, 'Fotók.pdf', 'pdf', 'application/pdf', $3, $4, $5) RETURNING id`,
      [scoringAppA.id, stored.key, stored.size, stored.sha256, users.applicantA.id],
    );
    await ds.query(`UPDATE application_submission SET attachments = $2::jsonb WHERE application_id = $1`, [
      scoringAppA.id,
      JSON.stringify([
        { id: file.id, displayName: 'Fotók.pdf', kind: 'pdf', sizeBytes: stored.size, sha256: stored.sha256 },
      ]),
    ]);
    const spare = await newJuror(ds, { organisationCode: 'HOA', name: 'Tartalék Tamás' });
    const seated = await seatJurors(
      ds,
      scoring.id,
      [
        users.juror,
        users.conflictedJuror,
        spare,
        await newJuror(ds, { organisationCode: 'MÖSZ' }),
        await newJuror(ds, { organisationCode: 'OPSZ' }),
      ],
      { addedBy: users.coordinator.id },
    );
    const [jurorMember, conflictedMember, spareMember, memberForCoordinator, memberForAdmin] = seated;
    const round = expectStatus(
      await post(coord, `/api/calls/${scoring.id}/rounds`, {
        closesAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
      }),
      201,
      'open round 1',
    );
    const roundScoring = round.id as string;
    const roundCriterion = (round.criteria as Array<{ id: string }>)[0].id;
    const assign = async (applicationId: string, juryMemberId: string): Promise<string> =>
      expectStatus(
        await post(coord, `/api/rounds/${roundScoring}/assignments`, { applicationId, juryMemberId }),
        201,
        'assign',
      ).id as string;
    const jurorAssignment = await assign(scoringAppA.id, jurorMember);
    const conflictedAssignment = await assign(scoringAppA.id, conflictedMember);
    const assignmentForCoordinator = await assign(scoringAppX.id, spareMember);
    const assignmentForAdmin = await assign(scoringAppY.id, spareMember);
    const conflicted = agents.conflictedJuror;
    expectStatus(
      await put(conflicted, `/api/assignments/${conflictedAssignment}/scorecard`, {
        scores: [{ criterionId: roundCriterion, points: 4 }],
      }),
      200,
      'the conflicted juror starts scoring',
    );
    expectStatus(
      await post(conflicted, `/api/jury/calls/${scoring.id}/conflicts`, {
        applicationId: scoringAppA.id,
        reason: 'A település polgármestere a sógorom.',
      }),
      201,
      'the conflicted juror declares the conflict',
    );
    const [excluded] = await ds.query<Array<{ excluded_at: Date | null }>>(
      `SELECT excluded_at FROM assignment WHERE id = $1`,
      [conflictedAssignment],
    );
    if (!excluded?.excluded_at) throw new Error('fixture: the conflicted assignment was not excluded');

    // callPublished: scored, closed, decided, published (the worker's job run in-process)
    // A has an application here too: its published outcome
    const published = await scoringCall(ds, {
      now: NOW,
      applications: 3,
      municipalityKsh: [mA, ...mPublished.slice(1)],
    });
    const publishedJuror = await newJuror(ds, { organisationCode: 'EDEM', name: 'Múltbéli Mária' });
    await seatJurors(ds, published.id, [publishedJuror], { addedBy: users.coordinator.id });
    expectStatus(
      await put(coord, `/api/calls/${published.id}/jury/settings`, { jurorsPerApplication: 1 }),
      200,
      'settings',
    );
    const roundP = expectStatus(
      await post(coord, `/api/calls/${published.id}/rounds`, {
        closesAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
      }),
      201,
      'open the round of the published call',
    );
    const criteriaP = roundP.criteria as Array<{ id: string; maxPoints: number }>;
    expectStatus(await post(coord, `/api/rounds/${roundP.id as string}/auto-assign`), 200, 'auto-assign');
    const pj = await signIn(t.server, publishedJuror.email, publishedJuror.password);
    const mine = expectStatus(
      await pj.agent.get(`/api/jury/assignments?roundId=${roundP.id as string}&pageSize=100`),
      200,
      'assignments of the published call',
    );
    for (const item of mine.items as Array<{ id: string }>) {
      expectStatus(
        await put(pj, `/api/assignments/${item.id}/scorecard`, {
          scores: criteriaP.map((c) => ({ criterionId: c.id, points: Math.min(3, c.maxPoints) })),
          submit: true,
        }),
        200,
        'score',
      );
    }
    expectStatus(await post(coord, `/api/rounds/${roundP.id as string}/close`), 200, 'close');
    for (const app of published.applications) {
      expectStatus(
        await put(coord, `/api/calls/${published.id}/themes/${app.themeId}/awards`, {
          awards: [{ applicationId: app.id, level: 'winner' }],
        }),
        200,
        'decide a theme',
      );
    }
    expectStatus(await post(coord, `/api/calls/${published.id}/decide`), 200, 'decide');
    const publication = expectStatus(await post(coord, `/api/calls/${published.id}/publications`), 202, 'publish');
    await t.app.get(PublicationsService).run(publication.id as string);
    expectStatus(await request(t.server).get(`/api/public/calls/${published.id}/results`), 200, 'published');

    // the deactivated caller: signed in above, deactivated now by an admin through the api
    expectStatus(
      await post(agents.admin, `/api/users/${users.deactivated.id}/deactivate`, { reason: 'Lejárt megbízás' }),
      200,
      'deactivate',
    );

    ids = {
      municipalityA: mA,
      municipalityC: mC,
      callOpen: open.id,
      openThemeOfA: open.themes[0].id,
      appASubmitted,
      appADraft,
      appAWithdrawable,
      attachmentA,
      attachmentAThrowaway,
      attachmentB,
      submissionNumber: '1',
      extensionForCoordinator: await extension(mX),
      extensionForAdmin: await extension(mY),
      callDraft: callDraft.id,
      draftTheme: callDraft.themeIds[0],
      draftThemeForCoordinator: callDraft.themeIds[1],
      draftThemeForAdmin: callDraft.themeIds[2],
      draftCriterion: callDraft.criterionIds[0],
      draftCriterionForCoordinator: callDraft.criterionIds[1],
      draftCriterionForAdmin: callDraft.criterionIds[2],
      draftQuestion: callDraft.questionIds[0],
      draftQuestionForCoordinator: callDraft.questionIds[1],
      draftQuestionForAdmin: callDraft.questionIds[2],
      throwawayUser: throwawayUser.id,
      throwawayMembership: membership.id,
      throwawayInvitation: invitation.id,
      unknownToken: 'x'.repeat(43),
      callScoring: scoring.id,
      scoringThemeOfA: scoringAppA.themeId,
      scoringAppA: scoringAppA.id,
      scoringAppX: scoringAppX.id,
      scoringAttachmentA: file.id,
      roundScoring,
      roundCriterion,
      jurorMember,
      memberForCoordinator,
      memberForAdmin,
      jurorAssignment,
      conflictedAssignment,
      assignmentForCoordinator,
      assignmentForAdmin,
      callPublished: published.id,
      publishedAppA: published.applications[0].id,
      publishedYear: String(published.year),
      roundPublished: roundP.id as string,
      publication: publication.id as string,
    };
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('lists the routes from the application itself, each once', () => {
    const routes = servedRoutes(t.app);
    const keys = routes.map((r) => r.key);
    // the walker sees the router: the endpoints of the controllers, under the global prefix
    expect(keys).toEqual(expect.arrayContaining(['GET /health', 'POST /api/auth/login', 'GET /api/assignments/:id']));
    expect(routes.filter((r) => r.handler).length).toBeGreaterThan(100);
    const twice = keys.filter((key, index) => keys.indexOf(key) !== index);
    expect(twice).toEqual([]);
  });

  it('has a policy for every route, and no policy for a route that is not served', () => {
    const served = new Set(servedRoutes(t.app).map((r) => r.key));
    const missing = [...served].filter((key) => !(key in ACCESS_POLICY)).map((key) => `not in the policy: ${key}`);
    const stale = Object.keys(ACCESS_POLICY)
      .filter((key) => !served.has(key))
      .map((key) => `in the policy but not served: ${key}`);
    expect([...missing, ...stale]).toEqual([]);
  });

  it('refuses the session of an account deactivated behind its back (session row kept), and its login', async () => {
    // the matrix's deactivated caller lost its session row with the deactivation; here only the
    // per-request reload of the user stands between the old cookie and an admin's rights
    const user = await newUser(t.dataSource, { roles: ['coordinator', 'admin'], name: 'Kikapcsolt Kornél' });
    const who = await signIn(t.server, user.email, user.password);
    expect((await who.agent.get('/api/users')).status).toBe(200);
    await t.dataSource.query(`UPDATE app_user SET is_active = false, deactivated_at = now() WHERE id = $1`, [user.id]);
    const [{ sessions }] = await t.dataSource.query<Array<{ sessions: number }>>(
      `SELECT count(*)::int AS sessions FROM user_session WHERE (sess -> 'passport' ->> 'user') = $1`,
      [user.id],
    );
    expect(sessions).toBe(1);
    const read = await who.agent.get('/api/users');
    expect([read.status, read.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
    const write = await post(who, `/api/users/${ids.throwawayUser}/deactivate`);
    expect([write.status, write.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
    const login = await request(t.server).post('/api/auth/login').send({ email: user.email, password: user.password });
    expect([login.status, login.body.error?.code]).toEqual([401, 'ACCOUNT_DEACTIVATED']);
  });

  it('answers each route for each kind of caller as the policy says, never with a 5xx', async () => {
    /** One cell: the caller's request, and what is wrong with the answer. */
    const cell = async (route: ServedRoute, c: AccessCase, caller: Caller): Promise<string[]> => {
      const name = `${route.key}${c.label ? ` [${c.label}]` : ''} × ${caller}`;
      const params = { ...c.params, ...c.paramsFor?.[caller] };
      let url: string;
      try {
        url = fillPath(route.path, Object.fromEntries(pathParams(route.path).map((p) => [p, ids[params[p]]])));
      } catch (error) {
        return [`${name}: ${(error as Error).message}`];
      }
      if (c.query) url += `?${new URLSearchParams(c.query(ids)).toString()}`;
      const who = caller === 'anonymous' ? undefined : agents[caller];
      const client = who ? who.agent : request(t.server);
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      let req = client[method](url);
      if (who) req = req.set('X-CSRF-Token', who.csrf);
      const res = ['post', 'put', 'patch'].includes(method) ? await req.send(c.body?.(ids) ?? {}) : await req;
      const problems: string[] = [];
      const wrong = mismatch(res, c.expect[caller]);
      if (wrong) problems.push(`${name}: got ${wrong}, expected ${c.expect[caller]}`);
      const text = res.status < 400 ? (res.text ?? JSON.stringify(res.body)) : '';
      for (const key of c.hidden?.[caller] ?? []) {
        if (text.includes(ids[key])) problems.push(`${name}: the answer mentions ${key}, hidden from this caller`);
      }
      for (const key of c.shown?.[caller] ?? []) {
        if (!text.includes(ids[key])) problems.push(`${name}: the answer does not mention ${key}`);
      }
      const token = (res.body as { csrfToken?: unknown } | null)?.csrfToken;
      if (who && typeof token === 'string') who.csrf = token;
      return problems;
    };

    const routes = servedRoutes(t.app).filter((r) => r.key in ACCESS_POLICY);
    const runs = routes.flatMap((route) => casesOf(route.key).map((c) => ({ route, c })));
    const ordered = [...runs.filter((r) => !r.c.runLast), ...runs.filter((r) => r.c.runLast)];
    const failures: string[] = [];
    let cells = 0;
    for (const { route, c } of ordered) {
      // reads: the callers at once; writes: one after another, in the order of CALLERS
      let answers: string[][];
      if (route.method === 'GET') {
        answers = await Promise.all(CALLERS.map((caller) => cell(route, c, caller)));
      } else {
        answers = [];
        for (const caller of CALLERS) answers.push(await cell(route, c, caller));
      }
      cells += answers.length;
      failures.push(...answers.flat());
    }
    expect(failures).toEqual([]);
    expect(cells).toBeGreaterThan(1000);
  }, 120_000);
});
