import request from 'supertest';
import { PublicationsService } from '@portal/results';
import { newCall, type TestCall } from '../factories/calls';
import { newJuror, scoringCall, type ScoringCall, seatJurors } from '../factories/jury';
import { anyMunicipalities } from '../factories/municipalities';
import { newUser } from '../factories/users';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../setup/test-app';

const NOW = new Date('2026-06-10T08:00:00Z');
const DAY = 86_400_000;

function put(who: SignedIn, url: string, body: object) {
  return who.agent.put(url).set('X-CSRF-Token', who.csrf).send(body);
}
function post(who: SignedIn, url: string, body: object = {}) {
  return who.agent.post(url).set('X-CSRF-Token', who.csrf).send(body);
}

interface MyApplication {
  id: string;
  call: { id: string; year: number; titleHu: string; titleEn: string; status: string };
  theme: { id: string; titleHu: string; titleEn: string };
  municipality: { kshCode: string; name: string };
  status: string;
  title: string | null;
  formalCheck: string | null;
  outcome: { inResults: boolean; awarded: boolean; levelCode: string | null; level: string | null } | null;
}

describe('GET /api/my-applications: the municipal staff’s page in one answer', () => {
  let t: TestApp;
  let published: ScoringCall;
  let open: TestCall;
  let memberA: SignedIn;
  let memberB: SignedIn;
  let pending: SignedIn;
  let juror: SignedIn;
  let coordinator: SignedIn;
  let openDraftId: string;
  let notEvaluatedId: string;
  let kshA: string;
  let kshB: string;

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    [kshA, kshB] = anyMunicipalities(3).map((m) => m.kshCode);
    published = await scoringCall(t.dataSource, { now: NOW, applications: 2, municipalityKsh: [kshA, kshB] });
    open = await newCall(t.dataSource, {
      opensAt: new Date(NOW.getTime() - 5 * DAY),
      closesAt: new Date(NOW.getTime() + 30 * DAY),
    });
    const a = await newUser(t.dataSource, { municipalityKsh: kshA, name: 'Pályázó Piroska' });
    const b = await newUser(t.dataSource, { municipalityKsh: kshB });
    const p = await newUser(t.dataSource, { municipalityKsh: kshA, membershipStatus: 'pending' });
    const jurorUser = await newJuror(t.dataSource, { organisationCode: 'BM' });
    await seatJurors(t.dataSource, published.id, [jurorUser], { addedBy: published.coordinator.id });
    memberA = await signIn(t.server, a.email, a.password);
    memberB = await signIn(t.server, b.email, b.password);
    pending = await signIn(t.server, p.email, p.password);
    juror = await signIn(t.server, jurorUser.email, jurorUser.password);
    coordinator = await signIn(t.server, published.coordinator.email, published.coordinator.password);

    // the published call: scored, A's application a special prize, B's nothing
    await put(coordinator, `/api/calls/${published.id}/jury/settings`, { jurorsPerApplication: 1 }).expect(200);
    const round = await post(coordinator, `/api/calls/${published.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
    }).expect(201);
    const criteria = round.body.criteria as Array<{ id: string; maxPoints: number }>;
    await post(coordinator, `/api/rounds/${round.body.id as string}/auto-assign`).expect(200);
    const mine = await juror.agent.get(`/api/jury/assignments?roundId=${round.body.id as string}&pageSize=100`);
    for (const assignment of mine.body.items as Array<{ id: string }>) {
      await put(juror, `/api/assignments/${assignment.id}/scorecard`, {
        scores: criteria.map((c) => ({ criterionId: c.id, points: c.maxPoints })),
        submit: true,
      }).expect(200);
    }
    await post(coordinator, `/api/rounds/${round.body.id as string}/close`).expect(200);
    for (const theme of published.themes) {
      const awarded = published.applications[0].themeId === theme.id;
      await put(coordinator, `/api/calls/${published.id}/themes/${theme.id}/awards`, {
        awards: awarded ? [{ applicationId: published.applications[0].id, level: 'special_prize' }] : [],
      }).expect(200);
    }
    await post(coordinator, `/api/calls/${published.id}/decide`).expect(200);
    const publication = await post(coordinator, `/api/calls/${published.id}/publications`).expect(202);
    await t.app.get(PublicationsService).run(publication.body.id as string);

    // a draft of A in the published call that never got submitted: not part of the results
    const [draft]: Array<{ id: string }> = await t.dataSource.query(
      `INSERT INTO application (call_id, theme_id, municipality_ksh, status, title, content, created_by, updated_by)
       VALUES ($1, $2, $3, 'draft', 'Be nem adott piszkozat', '{}'::jsonb, $4, $4) RETURNING id`,
      [published.id, published.themes[2].id, kshA, a.id],
    );
    notEvaluatedId = draft.id;

    // A's draft in the open call, started through the api
    const started = await post(memberA, `/api/calls/${open.id}/applications`, {
      themeId: open.themes[1].id,
      municipalityKsh: kshA,
    }).expect(201);
    openDraftId = started.body.id as string;
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('gives A’s staff their applications with call, status and outcome, and the open calls with their themes', async () => {
    const res = await memberA.agent.get('/api/my-applications').expect(200);
    const applications = res.body.applications as MyApplication[];
    const byId = new Map(applications.map((a) => [a.id, a]));
    expect([...byId.keys()].sort()).toEqual([published.applications[0].id, notEvaluatedId, openDraftId].sort());

    expect(byId.get(published.applications[0].id)).toMatchObject({
      call: { id: published.id, year: published.year, status: 'published' },
      theme: { id: published.applications[0].themeId },
      municipality: { kshCode: kshA },
      status: 'submitted',
      formalCheck: 'eligible',
      outcome: { inResults: true, awarded: true, levelCode: 'special_prize', level: 'Különdíj' },
    });
    expect(byId.get(notEvaluatedId)).toMatchObject({
      status: 'draft',
      outcome: { inResults: false, awarded: false, levelCode: null, level: null },
    });
    expect(byId.get(openDraftId)).toMatchObject({
      call: { id: open.id, status: 'open', titleHu: open.titleHu },
      theme: { id: open.themes[1].id, titleHu: open.themes[1].titleHu },
      status: 'draft',
      outcome: null,
    });

    const openCall = (res.body.openCalls as Array<{ id: string; themes: Array<{ id: string }> }>).find(
      (c) => c.id === open.id,
    );
    expect(openCall).toMatchObject({ year: open.year, titleEn: open.titleEn, maxApplicationsPerMunicipality: null });
    expect(openCall!.themes.map((theme) => theme.id)).toEqual(open.themes.map((theme) => theme.id));
    expect((res.body.openCalls as Array<{ id: string }>).map((c) => c.id)).not.toContain(published.id);

    // the level's name in the caller's language
    const english = await memberA.agent.get('/api/my-applications').set('Accept-Language', 'en').expect(200);
    expect(
      (english.body.applications as MyApplication[]).find((a) => a.id === published.applications[0].id)?.outcome,
    ).toMatchObject({ level: 'Special prize' });

    // one call only
    const filtered = await memberA.agent.get('/api/my-applications').query({ callId: open.id }).expect(200);
    expect((filtered.body.applications as MyApplication[]).map((a) => a.id)).toEqual([openDraftId]);
  });

  it('shows another municipality’s staff their own only, and a pending member none', async () => {
    const b = await memberB.agent.get('/api/my-applications').expect(200);
    const bIds = (b.body.applications as MyApplication[]).map((a) => a.id);
    expect(bIds).toEqual([published.applications[1].id]);
    expect((b.body.applications as MyApplication[])[0].outcome).toEqual({
      inResults: true,
      awarded: false,
      levelCode: null,
      level: null,
    });

    const p = await pending.agent.get('/api/my-applications').expect(200);
    expect(p.body.applications).toEqual([]);
    expect((p.body.openCalls as Array<{ id: string }>).map((c) => c.id)).toContain(open.id);
  });

  it('refuses anonymous callers, jurors and coordinators, and bad parameters naming the field', async () => {
    const anonymous = await request(t.server).get('/api/my-applications').expect(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    for (const who of [juror, coordinator]) {
      const res = await who.agent.get('/api/my-applications').expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect(JSON.stringify(res.body)).not.toContain(published.applications[0].id);
    }

    const audited = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM audit_log'))[0].n);
    const before = await audited();
    const hu = await memberA.agent.get('/api/my-applications').query({ callId: 'nem-azonosító' }).expect(400);
    expect(hu.body.error.code).toBe('VALIDATION_FAILED');
    expect(hu.body.error.fields).toEqual({ callId: 'Érvénytelen azonosító.' });
    const en = await memberA.agent
      .get('/api/my-applications')
      .query({ callId: 'not-an-id' })
      .set('Accept-Language', 'en')
      .expect(400);
    expect(en.body.error.fields).toEqual({ callId: 'Invalid identifier.' });
    const unknown = await memberA.agent.get('/api/my-applications').query({ status: 'draft' }).expect(400);
    expect(unknown.body.error.fields).toEqual({ status: 'Ismeretlen mező: status.' });
    expect(await audited()).toBe(before);
  });
});
