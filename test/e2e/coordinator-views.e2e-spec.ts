import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PublicationsService } from '@portal/results';
import { newCall, type TestCall } from '../factories/calls';
import { newJuror, scoringCall, type ScoringCall, seatJurors, wholeRanking } from '../factories/jury';
import { anyMunicipalities } from '../factories/municipalities';
import { newUser } from '../factories/users';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../setup/test-app';

/**
 * What the coordinators' pages read: the current calls with their key numbers in one request
 * (GET /api/statistics/calls), the audit log with names, targets in words and validated filters
 * (GET /api/audit), and a publication's files (GET /api/publications/:id/winner-list.pdf,
 * …/certificates, …/certificates/:applicationId).
 */

const DAY = 86_400_000;
/** The open call's deadline is the factory's default, 2026-03-31 23:59 Budapest time. */
const BEFORE_CLOSE = '2026-03-20T10:00:00Z';
const AFTER_CLOSE = '2026-04-02T10:00:00Z';
/** The scored call: its deadline 10 days before, scoring started 5 days before. */
const SCORING_NOW = new Date('2026-06-10T08:00:00Z');
const NOBODY = '00000000-0000-4000-8000-000000000000';

function put(who: SignedIn, url: string, body: object) {
  return who.agent.put(url).set('X-CSRF-Token', who.csrf).send(body);
}
function post(who: SignedIn, url: string, body: object = {}) {
  return who.agent.post(url).set('X-CSRF-Token', who.csrf).send(body);
}
function patch(who: SignedIn, url: string, body: object) {
  return who.agent.patch(url).set('X-CSRF-Token', who.csrf).send(body);
}

/** Reads a download as bytes. */
function bytes(req: request.Test): request.Test {
  return req.buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

/** Every field of the form filled in (the default calls have no extra questions). */
function completeContent(title: string): Record<string, unknown> {
  return {
    title,
    summary: 'Összefoglaló: árvíztűrő tükörfúrógép.',
    problem: 'Az idősek elszigetelten éltek.',
    practice: 'Falugondnoki hálózat.',
    results: 'A résztvevők száma 35-ről 120-ra nőtt.',
    costHuf: 1_000_000,
    communityParticipation: 'Önkéntesek.',
    sustainability: 'A költségvetés fedezi.',
    adoption: 'Egy falugondnok kell hozzá.',
    startDate: '2019-09-01',
    contact: { name: 'Őri Dezső', position: 'jegyző', email: 'ori.dezso@teszt.hu', phone: '+36 30 123 4567' },
  };
}

/** The Budapest calendar day of an instant, YYYY-MM-DD. */
function budapestDay(instant: string | Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Budapest' }).format(new Date(instant));
}
function dayAfter(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

interface OverviewItem {
  id: string;
  year: number;
  status: string;
  submissionClosesAt: string;
  draft: number;
  submitted: number;
  withdrawn: number;
  eligible: number;
  ineligible: number;
  pendingCheck: number;
}

describe('coordinator views (e2e)', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let coordinatorName: string;
  let admin: SignedIn;
  let applicant: SignedIn;
  let juror: SignedIn;

  /** The open call: A submitted one (eligible), has a draft and a withdrawn one; B submitted two (one ineligible). */
  let open: TestCall;
  const apps: Record<'aSubmitted' | 'aDraft' | 'aWithdrawn' | 'bIneligible' | 'bPending', string> = {
    aSubmitted: '',
    aDraft: '',
    aWithdrawn: '',
    bIneligible: '',
    bPending: '',
  };
  let municipalityA: { kshCode: string; name: string };

  /** The scored, decided and published call, and its publication. */
  let published: ScoringCall;
  let publicationId: string;
  let awarded: string[];

  beforeAll(async () => {
    t = await createTestApp({ now: BEFORE_CLOSE });
    coordinatorName = `Koordinátor ${randomUUID().slice(0, 8)} Kata`;
    const c = await newUser(t.dataSource, { roles: ['coordinator'], name: coordinatorName });
    coordinator = await signIn(t.server, c.email, c.password);
    const a = await newUser(t.dataSource, { roles: ['admin'] });
    admin = await signIn(t.server, a.email, a.password);
    const j = await newUser(t.dataSource, { roles: ['juror'], organisationCode: 'BM' });
    juror = await signIn(t.server, j.email, j.password);

    // the open call, through the api: drafts saved, submitted, one withdrawn
    open = await newCall(t.dataSource);
    const [mA, mB] = anyMunicipalities(2);
    municipalityA = mA;
    const staffA = await newUser(t.dataSource, { municipalityKsh: mA.kshCode });
    const staffB = await newUser(t.dataSource, { municipalityKsh: mB.kshCode });
    const sa = await signIn(t.server, staffA.email, staffA.password);
    const sb = await signIn(t.server, staffB.email, staffB.password);
    applicant = sa;
    const draft = async (who: SignedIn, ksh: string, theme: number, title: string) => {
      const created = await post(who, `/api/calls/${open.id}/applications`, {
        themeId: open.themes[theme].id,
        municipalityKsh: ksh,
      }).expect(201);
      const saved = await patch(who, `/api/applications/${created.body.id}`, {
        version: created.body.version,
        content: completeContent(title),
      }).expect(200);
      return { id: created.body.id as string, version: saved.body.version as number };
    };
    const submitted = async (who: SignedIn, ksh: string, theme: number, title: string) => {
      const made = await draft(who, ksh, theme, title);
      await post(who, `/api/applications/${made.id}/submit`, { version: made.version }).expect(201);
      return made.id;
    };
    apps.aSubmitted = await submitted(sa, mA.kshCode, 0, 'Falugondnoki hálózat Őrszentmiklóson');
    apps.aDraft = (await draft(sa, mA.kshCode, 1, 'Piszkozat')).id;
    apps.aWithdrawn = (await draft(sa, mA.kshCode, 2, 'Visszavont')).id;
    await post(sa, `/api/applications/${apps.aWithdrawn}/withdraw`).expect(200);
    apps.bIneligible = await submitted(sb, mB.kshCode, 0, 'Késve érkezett melléklet');
    apps.bPending = await submitted(sb, mB.kshCode, 1, 'Ellenőrzésre vár');
    t.clock.set(AFTER_CLOSE);
    await post(coordinator, `/api/applications/${apps.aSubmitted}/formal-check`, { result: 'eligible' }).expect(200);
    await post(coordinator, `/api/applications/${apps.bIneligible}/formal-check`, {
      result: 'ineligible',
      reason: 'Hiányzik a polgármester aláírása.',
    }).expect(200);

    // the published call: scored by one juror, closed, every theme's first awarded, decided, published
    t.clock.set(SCORING_NOW);
    published = await scoringCall(t.dataSource, { now: SCORING_NOW, applications: 4 });
    const publishedCoordinator = await signIn(t.server, published.coordinator.email, published.coordinator.password);
    const jurorP = await newJuror(t.dataSource, { organisationCode: 'TÖOSZ', name: 'Bíráló Ödön' });
    await seatJurors(t.dataSource, published.id, [jurorP], { addedBy: published.coordinator.id });
    await put(publishedCoordinator, `/api/calls/${published.id}/jury/settings`, { jurorsPerApplication: 1 }).expect(
      200,
    );
    const round = await post(publishedCoordinator, `/api/calls/${published.id}/rounds`, {
      closesAt: new Date(SCORING_NOW.getTime() + 7 * DAY).toISOString(),
    }).expect(201);
    const roundId = round.body.id as string;
    const criteria = round.body.criteria as Array<{ id: string; maxPoints: number }>;
    await post(publishedCoordinator, `/api/rounds/${roundId}/auto-assign`).expect(200);
    const pj = await signIn(t.server, jurorP.email, jurorP.password);
    const mine = await pj.agent.get(`/api/jury/assignments?roundId=${roundId}&pageSize=100`).expect(200);
    for (const [index, item] of (mine.body.items as Array<{ id: string }>).entries()) {
      await put(pj, `/api/assignments/${item.id}/scorecard`, {
        scores: criteria.map((criterion) => ({ criterionId: criterion.id, points: (index + 2) % criterion.maxPoints })),
        submit: true,
      }).expect(200);
    }
    await post(publishedCoordinator, `/api/rounds/${roundId}/close`).expect(200);
    const ranking = await wholeRanking(publishedCoordinator.agent, roundId);
    awarded = [];
    for (const theme of published.themes) {
      const best = ranking
        .filter((row) => row.themeId === theme.id)
        .sort((x, y) => (x.rank ?? 99) - (y.rank ?? 99))
        .slice(0, 1);
      awarded.push(...best.map((row) => row.applicationId));
      await put(publishedCoordinator, `/api/calls/${published.id}/themes/${theme.id}/awards`, {
        awards: best.map((row) => ({ applicationId: row.applicationId, level: 'winner' })),
      }).expect(200);
    }
    await post(publishedCoordinator, `/api/calls/${published.id}/decide`).expect(200);
    const publication = await post(publishedCoordinator, `/api/calls/${published.id}/publications`).expect(202);
    publicationId = publication.body.id as string;
    await t.app.get(PublicationsService).run(publicationId);
    t.clock.set(AFTER_CLOSE);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('GET /api/statistics/calls', () => {
    /** The overview entry of a call, looked for page by page (the run's database holds other suites' calls). */
    async function overviewOf(who: SignedIn, callId: string): Promise<OverviewItem | undefined> {
      for (let page = 1; ; page++) {
        const res = await who.agent.get('/api/statistics/calls').query({ page, pageSize: 100 }).expect(200);
        const found = (res.body.items as OverviewItem[]).find((item) => item.id === callId);
        if (found || page * 100 >= (res.body.total as number)) return found;
      }
    }

    it('gives coordinators and admins every current call with its applications counted, in one answer', async () => {
      const res = await coordinator.agent.get('/api/statistics/calls').query({ pageSize: 100 }).expect(200);
      expect(res.body).toMatchObject({ page: 1, pageSize: 100 });
      expect(res.body.total).toBeGreaterThanOrEqual(1);
      const entry = await overviewOf(coordinator, open.id);
      expect(entry).toEqual({
        id: open.id,
        year: open.year,
        titleHu: open.titleHu,
        titleEn: open.titleEn,
        status: 'closed',
        submissionOpensAt: expect.stringMatching(/\+0[12]:00$/),
        submissionClosesAt: '2026-03-31T23:59:00+02:00',
        draft: 1,
        submitted: 3,
        withdrawn: 1,
        eligible: 1,
        ineligible: 1,
        pendingCheck: 1,
      });
      expect(await overviewOf(admin, open.id)).toEqual(entry);
    });

    it('leaves out a call whose results are published', async () => {
      expect(await overviewOf(coordinator, published.id)).toBeUndefined();
    });

    it('lists newest years first and pages', async () => {
      const first = await coordinator.agent.get('/api/statistics/calls').query({ pageSize: 2 }).expect(200);
      const years = (first.body.items as OverviewItem[]).map((item) => item.year);
      expect(years).toEqual([...years].sort((x, y) => y - x));
      expect(first.body.items.length).toBeLessThanOrEqual(2);
      if (first.body.total > 2) {
        const second = await coordinator.agent.get('/api/statistics/calls').query({ page: 2, pageSize: 2 }).expect(200);
        expect(second.body.items[0].year).toBeLessThanOrEqual(years[1]);
      }
    });

    it('refuses applicants and jurors (403) and the anonymous (401)', async () => {
      for (const who of [applicant, juror]) {
        const res = await who.agent.get('/api/statistics/calls');
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
      const anonymous = await request(t.server).get('/api/statistics/calls');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a bad page size with 400 naming the field, in Hungarian and in English', async () => {
      const hu = await coordinator.agent.get('/api/statistics/calls').query({ pageSize: 1000 });
      expect(hu.status).toBe(400);
      expect(hu.body.error.code).toBe('VALIDATION_FAILED');
      expect(hu.body.error.fields).toEqual({ pageSize: expect.stringMatching(/Legfeljebb/) });
      const en = await coordinator.agent
        .get('/api/statistics/calls')
        .set('Accept-Language', 'en')
        .query({ page: 'első' });
      expect(en.status).toBe(400);
      expect(en.body.error.fields).toEqual({ page: 'Must be a whole number.' });
      const unknown = await coordinator.agent.get('/api/statistics/calls').query({ year: 2026 });
      expect(unknown.status).toBe(400);
      expect(Object.keys(unknown.body.error.fields)).toEqual(['year']);
    });
  });

  describe('GET /api/audit', () => {
    const audit = (who: SignedIn, query: Record<string, string | number>, lang?: 'en') => {
      const req = who.agent.get('/api/audit').query(query);
      return lang ? req.set('Accept-Language', lang) : req;
    };

    it("names the actor and says what the target is, with the target's call", async () => {
      const res = await audit(coordinator, { targetType: 'application', targetId: apps.aSubmitted }).expect(200);
      const check = (res.body.items as Array<Record<string, unknown>>).find(
        (item) => item.action === 'application.formal_checked',
      );
      expect(check).toMatchObject({
        actorId: expect.any(String),
        actorName: coordinatorName,
        targetType: 'application',
        targetId: apps.aSubmitted,
        targetLabel: `Falugondnoki hálózat Őrszentmiklóson (${municipalityA.name})`,
        targetCallId: open.id,
        changes: expect.objectContaining({ formalCheck: { from: null, to: 'eligible' } }),
      });
      // the submission by the municipality's staff, and the creation: newest first
      expect((res.body.items as Array<{ action: string }>).map((item) => item.action)).toEqual([
        'application.formal_checked',
        'application.submitted',
        'application.saved',
        'application.created',
      ]);
    });

    it("describes a call in the caller's language", async () => {
      const hu = await audit(admin, { targetType: 'call', targetId: published.id, action: 'call.decided' }).expect(200);
      expect(hu.body.items).toHaveLength(1);
      expect(hu.body.items[0]).toMatchObject({
        targetLabel: `${published.year} · ${published.titleHu}`,
        targetCallId: published.id,
        actorName: 'Koordinátor Őrs',
      });
      const en = await audit(admin, { targetType: 'call', targetId: published.id, action: 'call.decided' }, 'en');
      expect(en.body.items[0].targetLabel).toBe(`${published.year} · ${published.titleEn}`);
      const system = await audit(admin, { targetId: publicationId, action: 'results.published' }).expect(200);
      expect(system.body.items).toHaveLength(1);
      expect(system.body.items[0]).toMatchObject({ actorId: null, actorName: null, targetCallId: published.id });
      expect(system.body.items[0].targetLabel).toMatch(new RegExp(`^${published.year} · .* · #1$`));
    });

    it('filters by actor (id, or part of the name or e-mail address) and by action', async () => {
      const byId = await audit(coordinator, { actorId: (await me(coordinator)).id, pageSize: 100 }).expect(200);
      expect(byId.body.total).toBeGreaterThanOrEqual(3);
      expect(new Set((byId.body.items as Array<{ actorName: string }>).map((item) => item.actorName))).toEqual(
        new Set([coordinatorName]),
      );
      // case-insensitive, a part of the name; % and _ are taken literally
      const part = coordinatorName.slice(11, 22).toUpperCase();
      const byName = await audit(coordinator, { actor: part, action: 'application.formal_checked' }).expect(200);
      expect(byName.body.total).toBe(2);
      expect((byName.body.items as Array<{ targetId: string }>).map((item) => item.targetId).sort()).toEqual(
        [apps.aSubmitted, apps.bIneligible].sort(),
      );
      const literal = await audit(coordinator, { actor: `${part}%`, action: 'application.formal_checked' }).expect(200);
      expect(literal.body.total).toBe(0);
    });

    it('filters by Budapest days, the last day included', async () => {
      const one = await audit(coordinator, { targetId: apps.bIneligible, action: 'application.formal_checked' }).expect(
        200,
      );
      expect(one.body.total).toBe(1);
      const day = budapestDay(one.body.items[0].occurredAt as string);
      const query = { targetId: apps.bIneligible, action: 'application.formal_checked' };
      expect((await audit(coordinator, { ...query, from: day, to: day }).expect(200)).body.total).toBe(1);
      expect((await audit(coordinator, { ...query, from: day }).expect(200)).body.total).toBe(1);
      expect((await audit(coordinator, { ...query, to: day }).expect(200)).body.total).toBe(1);
      expect((await audit(coordinator, { ...query, from: dayAfter(day, 1) }).expect(200)).body.total).toBe(0);
      expect((await audit(coordinator, { ...query, to: dayAfter(day, -1) }).expect(200)).body.total).toBe(0);
    });

    it('refuses bad filters with 400 naming the field, in Hungarian and in English', async () => {
      const cases: Array<[Record<string, string>, string, RegExp, RegExp]> = [
        [{ from: '2026-13-01' }, 'from', /Érvénytelen dátum/, /^Invalid date/],
        [{ to: 'tegnap' }, 'to', /Érvénytelen dátum/, /^Invalid date/],
        [{ from: '2026-03-02', to: '2026-03-01' }, 'to', /korábbi a kezdő napnál/, /before the first day/],
        [{ actorId: 'nem-azonosító' }, 'actorId', /Érvénytelen azonosító/, /Invalid identifier/],
        [{ action: 'DROP TABLE audit_log' }, 'action', /Érvénytelen formátum/, /Invalid format/],
        [{ targetType: 'Call!' }, 'targetType', /Érvénytelen formátum/, /Invalid format/],
        [{ actor: 'x'.repeat(101) }, 'actor', /Legfeljebb 100 karakter/, /at most 100 characters/],
      ];
      for (const [query, field, hu, en] of cases) {
        const inHungarian = await audit(coordinator, query);
        expect(inHungarian.status).toBe(400);
        expect(inHungarian.body.error.code).toBe('VALIDATION_FAILED');
        expect(Object.keys(inHungarian.body.error.fields)).toEqual([field]);
        expect(inHungarian.body.error.fields[field]).toMatch(hu);
        const inEnglish = await audit(coordinator, query, 'en');
        expect(inEnglish.status).toBe(400);
        expect(inEnglish.body.error.fields[field]).toMatch(en);
      }
    });

    it('refuses applicants and jurors (403) and the anonymous (401)', async () => {
      for (const who of [applicant, juror]) {
        const res = await audit(who, { targetType: 'application' });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
      expect((await request(t.server).get('/api/audit')).status).toBe(401);
    });
  });

  describe("a publication's files", () => {
    it('serves the winner list of the version in Hungarian and in English', async () => {
      const hu = await bytes(coordinator.agent.get(`/api/publications/${publicationId}/winner-list.pdf`)).expect(200);
      expect(hu.headers['content-type']).toBe('application/pdf');
      expect(hu.headers['cache-control']).toBe('private, no-store');
      expect((hu.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      expect(decodeURIComponent(hu.headers['content-disposition'])).toContain(
        `LÖGY ${published.year} – díjazottak (1. változat).pdf`,
      );
      const en = await bytes(admin.agent.get(`/api/publications/${publicationId}/winner-list.pdf?lang=en`)).expect(200);
      expect(decodeURIComponent(en.headers['content-disposition'])).toContain(
        `LOGY ${published.year} – awarded (version 1).pdf`,
      );
      expect(Buffer.compare(hu.body as Buffer, en.body as Buffer)).not.toBe(0);
      // the same file the public link gives
      const pub = await bytes(request(t.server).get(`/api/public/calls/${published.id}/results.pdf?lang=en`)).expect(
        200,
      );
      expect(Buffer.compare(pub.body as Buffer, en.body as Buffer)).toBe(0);
    });

    it("lists each awarded application's certificate, in the order of the winner list, in the caller's language", async () => {
      const hu = await coordinator.agent.get(`/api/publications/${publicationId}/certificates`).expect(200);
      expect((hu.body as Array<{ applicationId: string }>).map((c) => c.applicationId)).toEqual(awarded);
      const first = published.applications.find((a) => a.id === awarded[0])!;
      expect(hu.body[0]).toMatchObject({
        applicationId: first.id,
        themeId: first.themeId,
        theme: published.themes.find((theme) => theme.id === first.themeId)!.titleHu,
        level: 'Nyertes',
        title: first.title,
        municipality: expect.any(String),
      });
      const en = await coordinator.agent
        .get(`/api/publications/${publicationId}/certificates`)
        .set('Accept-Language', 'en')
        .expect(200);
      expect(en.body[0]).toMatchObject({ level: 'Winner', theme: expect.stringMatching(/[A-Za-z]/) });
    });

    it("serves an awarded application's certificate, and 404 for an application without one", async () => {
      const res = await bytes(coordinator.agent.get(`/api/publications/${publicationId}/certificates/${awarded[0]}`));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      expect(decodeURIComponent(res.headers['content-disposition'])).toMatch(/oklevél/);
      const notAwarded = published.applications.find((a) => !awarded.includes(a.id))!;
      const none = await coordinator.agent.get(`/api/publications/${publicationId}/certificates/${notAwarded.id}`);
      expect(none.status).toBe(404);
      expect(none.body.error.code).toBe('NOT_FOUND');
    });

    it('answers 404 for an unknown publication and 400 naming a malformed id, in Hungarian and in English', async () => {
      for (const path of [`${NOBODY}/winner-list.pdf`, `${NOBODY}/certificates`, `${NOBODY}/certificates/${NOBODY}`]) {
        const res = await coordinator.agent.get(`/api/publications/${path}`);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
      }
      const hu = await coordinator.agent.get(`/api/publications/${publicationId}/certificates/nem-azonosito`);
      expect(hu.status).toBe(400);
      expect(hu.body.error.fields).toEqual({ applicationId: 'Érvénytelen azonosító.' });
      const en = await coordinator.agent.get('/api/publications/x/winner-list.pdf').set('Accept-Language', 'en');
      expect(en.status).toBe(400);
      expect(en.body.error.fields).toEqual({ id: 'Invalid identifier.' });
    });

    it('refuses applicants and jurors (403) and the anonymous (401)', async () => {
      for (const path of ['winner-list.pdf', 'certificates', `certificates/${awarded[0]}`]) {
        for (const who of [applicant, juror]) {
          const res = await who.agent.get(`/api/publications/${publicationId}/${path}`);
          expect(res.status).toBe(403);
          expect(res.body.error.code).toBe('FORBIDDEN');
        }
        expect((await request(t.server).get(`/api/publications/${publicationId}/${path}`)).status).toBe(401);
      }
    });
  });

  describe('one application, as a coordinator checks it', () => {
    it('gives the content, the submissions with their receipts, and the formal check', async () => {
      const res = await coordinator.agent.get(`/api/applications/${apps.bIneligible}`).expect(200);
      expect(res.body.content).toMatchObject(completeContent('Késve érkezett melléklet'));
      expect(res.body.formalCheck).toMatchObject({ result: 'ineligible', reason: 'Hiányzik a polgármester aláírása.' });
      expect(res.body.submissions).toHaveLength(1);
      const receipt = await bytes(
        coordinator.agent.get(`/api/applications/${apps.bIneligible}/submissions/1/receipt`),
      ).expect(200);
      expect((receipt.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    });
  });

  async function me(who: SignedIn): Promise<{ id: string }> {
    return (await who.agent.get('/api/auth/me').expect(200)).body as { id: string };
  }
});
