import { PublicationsService } from '@portal/results';
import { newJuror, scoringCall, type ScoringCall, seatJurors } from '../factories/jury';
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

describe('GET /api/applications/:id/outcome: the published outcome and the jury’s feedback', () => {
  let t: TestApp;
  let call: ScoringCall;
  let coordinator: SignedIn;
  let memberA: SignedIn;
  let memberB: SignedIn;
  let juror: SignedIn;
  let jurorName: string;
  let roundId: string;
  const secret = 'BELSŐ-JEGYZET-7f3a';

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    call = await scoringCall(t.dataSource, { now: NOW, applications: 3 });
    const a = await newUser(t.dataSource, { municipalityKsh: call.applications[0].municipalityKsh });
    const b = await newUser(t.dataSource, { municipalityKsh: call.applications[1].municipalityKsh, language: 'en' });
    jurorName = 'Bíráló Borbála';
    const jurorUser = await newJuror(t.dataSource, { organisationCode: 'BM', name: jurorName });
    await seatJurors(t.dataSource, call.id, [jurorUser], { addedBy: call.coordinator.id });
    coordinator = await signIn(t.server, call.coordinator.email, call.coordinator.password);
    memberA = await signIn(t.server, a.email, a.password);
    memberB = await signIn(t.server, b.email, b.password);
    juror = await signIn(t.server, jurorUser.email, jurorUser.password);

    await put(coordinator, `/api/calls/${call.id}/jury/settings`, { jurorsPerApplication: 1 }).expect(200);
    const round = await post(coordinator, `/api/calls/${call.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
    }).expect(201);
    roundId = round.body.id as string;
    const criteria = round.body.criteria as Array<{ id: string; maxPoints: number }>;
    await post(coordinator, `/api/rounds/${roundId}/auto-assign`).expect(200);
    const mine = await juror.agent.get(`/api/jury/assignments?roundId=${roundId}&pageSize=100`).expect(200);
    for (const assignment of mine.body.items as Array<{ id: string; applicationId: string }>) {
      const index = call.applications.findIndex((x) => x.id === assignment.applicationId);
      await put(juror, `/api/assignments/${assignment.id}/scorecard`, {
        scores: criteria.map((c) => ({ criterionId: c.id, points: Math.min(3 + index, c.maxPoints) })),
        privateNote: `${secret} csak a zsűrinek`,
        feedback: `Visszajelzés ${index + 1}: jól átvehető gyakorlat.`,
        submit: true,
      }).expect(200);
    }
    await post(coordinator, `/api/rounds/${roundId}/close`).expect(200);
    for (const [index, app] of call.applications.entries()) {
      await put(coordinator, `/api/calls/${call.id}/themes/${app.themeId}/awards`, {
        awards: index === 0 ? [{ applicationId: app.id, level: 'special_prize' }] : [],
      }).expect(200);
    }
    await post(coordinator, `/api/calls/${call.id}/decide`).expect(200);
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('answers 404 RESULTS_NOT_PUBLISHED before the results are published', async () => {
    const res = await memberA.agent.get(`/api/applications/${call.applications[0].id}/outcome`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('RESULTS_NOT_PUBLISHED');
    const managers = await coordinator.agent.get(`/api/applications/${call.applications[0].id}/outcome`);
    expect(managers.status).toBe(404);
    expect(managers.body.error.code).toBe('RESULTS_NOT_PUBLISHED');
  });

  it('after publication shows the member the outcome and the feedback texts, and nobody else anything', async () => {
    const publication = await post(coordinator, `/api/calls/${call.id}/publications`).expect(202);
    await t.app.get(PublicationsService).run(publication.body.id as string);

    const awarded = await memberA.agent.get(`/api/applications/${call.applications[0].id}/outcome`).expect(200);
    expect(awarded.body).toEqual({
      applicationId: call.applications[0].id,
      callId: call.id,
      version: 1,
      publishedAt: expect.any(String),
      awarded: true,
      levelCode: 'special_prize',
      level: 'Különdíj',
      position: 1,
      themeId: call.applications[0].themeId,
      theme: expect.any(String),
      feedback: ['Visszajelzés 1: jól átvehető gyakorlat.'],
    });
    expect(awarded.body.theme).not.toBe('');

    // the caller's language; not awarded
    const notAwarded = await memberB.agent
      .get(`/api/applications/${call.applications[1].id}/outcome`)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(notAwarded.body).toMatchObject({
      awarded: false,
      levelCode: null,
      level: null,
      position: null,
      feedback: ['Visszajelzés 2: jól átvehető gyakorlat.'],
    });
    const english = await memberA.agent.get(`/api/applications/${call.applications[0].id}/outcome?lang=en`).expect(200);
    expect(english.body.level).toBe('Special prize');

    // coordinators see it too
    await coordinator.agent.get(`/api/applications/${call.applications[1].id}/outcome`).expect(200);

    // another municipality's member, and a juror: the application does not exist for them
    for (const [who, id] of [
      [memberB, call.applications[0].id],
      [memberA, call.applications[1].id],
      [juror, call.applications[0].id],
    ] as const) {
      const res = await who.agent.get(`/api/applications/${id}/outcome`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }

    // no juror, no score, no private note in the answer
    for (const body of [awarded.body, notAwarded.body]) {
      const text = JSON.stringify(body);
      expect(text).not.toContain(jurorName);
      expect(text).not.toContain(secret);
      expect(text).not.toMatch(/score|points|juror|juryMember|note|assignment/i);
    }
  });
});
