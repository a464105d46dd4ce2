import { randomInt } from 'node:crypto';
import request from 'supertest';
import { COUNTIES } from '@portal/municipalities';
import { newCall, type TestCall } from '../factories/calls';
import { scoringCall, type ScoringCall } from '../factories/jury';
import { anyMunicipalities } from '../factories/municipalities';
import { newUser } from '../factories/users';
import { createTestApp, signIn, SignedIn, TestApp } from '../setup/test-app';

const DAY = 86_400_000;
const NOBODY = '00000000-0000-4000-8000-000000000000';

describe('public pages: the current call, call statistics and the queue dashboard (e2e)', () => {
  let t: TestApp;
  let coordinator: SignedIn;
  let admin: SignedIn;
  let applicant: SignedIn;
  let juror: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-01T10:00:00Z' });
    const c = await newUser(t.dataSource, { roles: ['coordinator'] });
    coordinator = await signIn(t.server, c.email, c.password);
    const a = await newUser(t.dataSource, { roles: ['admin'] });
    admin = await signIn(t.server, a.email, a.password);
    const ap = await newUser(t.dataSource, { municipalityKsh: anyMunicipality() });
    applicant = await signIn(t.server, ap.email, ap.password);
    const j = await newUser(t.dataSource, { roles: ['juror'], organisationCode: 'BM' });
    juror = await signIn(t.server, j.email, j.password);
  });

  afterAll(async () => {
    await t?.close();
  });

  function anyMunicipality(): string {
    return anyMunicipalities(1)[0].kshCode;
  }

  describe('GET /api/public/calls/current', () => {
    // a stretch of time no other test's call covers: the shared run database holds their calls too
    const closesFirst = new Date(Date.UTC(2700 + randomInt(0, 250), 4, 31, 21, 59));
    const closesLater = new Date(closesFirst.getTime() + 10 * DAY);
    let first: TestCall;
    let later: TestCall;

    beforeAll(async () => {
      first = await newCall(t.dataSource, {
        closesAt: closesFirst,
        opensAt: new Date(closesFirst.getTime() - 60 * DAY),
      });
      later = await newCall(t.dataSource, {
        closesAt: closesLater,
        opensAt: new Date(closesFirst.getTime() - 30 * DAY),
      });
      // a draft closing even sooner, and an announced call whose submissions open only later: neither is current
      await newCall(t.dataSource, {
        announced: false,
        closesAt: new Date(closesFirst.getTime() - DAY),
        opensAt: new Date(closesFirst.getTime() - 50 * DAY),
      });
      await newCall(t.dataSource, {
        closesAt: new Date(closesLater.getTime() + 90 * DAY),
        opensAt: new Date(closesLater.getTime() + DAY),
      });
    });

    const current = (lang?: 'en') =>
      request(t.server)
        .get('/api/public/calls/current')
        .query(lang ? { lang } : {});

    it('answers anyone with the open call closing soonest, its themes, criteria and phases', async () => {
      t.clock.set(new Date(closesFirst.getTime() - 1000));
      const res = await current();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: first.id,
        year: first.year,
        titleHu: first.titleHu,
        titleEn: first.titleEn,
        status: 'open',
        acceptingSubmissions: true,
        submissionClosesAt: closesFirst.toISOString(),
      });
      expect(res.body.themes.map((theme: { id: string }) => theme.id)).toEqual(first.themes.map((theme) => theme.id));
      expect(res.body.themes[0]).toMatchObject({ titleHu: first.themes[0].titleHu, titleEn: first.themes[0].titleEn });
      expect(res.body.criteria).toEqual([
        expect.objectContaining({ nameHu: 'Hatás', nameEn: 'Impact', maxPoints: 10, weight: 1, guidanceHu: '' }),
      ]);
      expect(res.body.phases.map((phase: { phase: string }) => phase.phase)).toEqual([
        'submissionOpens',
        'submissionCloses',
        'scoringCloses',
        'results',
      ]);
      expect(res.body.phases[1]).toEqual({
        phase: 'submissionCloses',
        at: closesFirst.toISOString(),
        atBudapest: res.body.submissionClosesAtBudapest,
      });
      expect(res.body.questions).toBeUndefined();
    });

    it('at the deadline itself the first call is closed: the next one is current', async () => {
      t.clock.set(closesFirst);
      const res = await current();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: later.id, acceptingSubmissions: true });
    });

    it('answers 404 CALL_NONE_OPEN, in the caller’s language, when no call accepts submissions', async () => {
      t.clock.set(closesLater);
      const hu = await current();
      expect(hu.status).toBe(404);
      expect(hu.body.error.code).toBe('CALL_NONE_OPEN');
      expect(hu.body.error.message).toMatch(/felhívás/);
      const en = await current('en');
      expect(en.status).toBe(404);
      expect(en.body.error.message).toBe('No call is accepting applications at the moment.');
    });
  });

  describe('GET /api/calls/:id/statistics', () => {
    let call: ScoringCall;
    const budapest = anyMunicipalities(2, { county: 'Budapest' }).map((m) => m.kshCode);
    const pest = anyMunicipalities(2, { county: 'Pest' }).map((m) => m.kshCode);
    const zala = anyMunicipalities(1, { county: 'Zala' }).map((m) => m.kshCode);

    beforeAll(async () => {
      t.clock.set('2026-03-01T10:00:00Z');
      // five submitted applications, themes in turn: 1, 2, 3, 1, 2
      call = await scoringCall(t.dataSource, {
        now: t.clock.now(),
        applications: 5,
        municipalityKsh: [...budapest, ...pest, ...zala],
      });
      // a draft and a withdrawn application (in Vas) count only by status
      const vas = anyMunicipalities(2, { county: 'Vas' });
      for (const [index, status] of (['draft', 'withdrawn'] as const).entries()) {
        await t.dataSource.query(
          `INSERT INTO application (call_id, theme_id, municipality_ksh, status, title, content, created_by, updated_by,
                                    withdrawn_at)
           VALUES ($1, $2, $3, $4, 'Piszkozat', '{}'::jsonb, $5, $5, $6)`,
          [
            call.id,
            call.themes[2].id,
            vas[index].kshCode,
            status,
            call.coordinator.id,
            status === 'withdrawn' ? t.clock.now() : null,
          ],
        );
      }
    });

    const url = () => `/api/calls/${call.id}/statistics`;

    it('counts the submitted applications per theme and per county (all 20, zeros too) and all per status', async () => {
      for (const who of [coordinator, admin]) {
        const res = await who.agent.get(url());
        expect(res.status).toBe(200);
        expect(res.body.callId).toBe(call.id);
        expect(res.body.submitted).toBe(5);
        expect(res.body.byTheme).toEqual(
          call.themes.map((theme, index) => ({
            themeId: theme.id,
            position: index + 1,
            titleHu: theme.titleHu,
            titleEn: theme.titleEn,
            submitted: [2, 2, 1][index],
          })),
        );
        expect(res.body.byCounty).toHaveLength(20);
        expect(res.body.byCounty.map((row: { county: string }) => row.county)).toEqual([...COUNTIES]);
        const expected: Record<string, number> = { Budapest: 2, Pest: 2, Zala: 1 };
        for (const row of res.body.byCounty as Array<{ county: string; submitted: number }>) {
          expect([row.county, row.submitted]).toEqual([row.county, expected[row.county] ?? 0]);
        }
        expect(res.body.byStatus).toEqual([
          { status: 'draft', count: 1 },
          { status: 'submitted', count: 5 },
          { status: 'withdrawn', count: 1 },
        ]);
      }
    });

    it('refuses anonymous callers (401), applicants and jurors (403); an unknown call is 404', async () => {
      const anonymous = await request(t.server).get(url());
      expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      for (const who of [applicant, juror]) {
        const refused = await who.agent.get(url());
        expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
      }
      const unknown = await coordinator.agent.get(`/api/calls/${NOBODY}/statistics`);
      expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    });
  });

  describe('the queue dashboard at /api/queues', () => {
    it('refuses anonymous callers (401), applicants and jurors (403) in the api’s error shape', async () => {
      for (const path of ['/api/queues', '/api/queues/api/queues']) {
        const anonymous = await request(t.server).get(path);
        expect([path, anonymous.status, anonymous.body.error?.code]).toEqual([path, 401, 'UNAUTHENTICATED']);
        expect(anonymous.body.error.message).toEqual(expect.any(String));
        for (const who of [applicant, juror]) {
          const refused = await who.agent.get(path);
          expect([path, refused.status, refused.body.error?.code]).toEqual([path, 403, 'FORBIDDEN']);
        }
      }
    });

    it('shows a coordinator and an admin every queue, read-only, under the api’s CSP', async () => {
      const page = await coordinator.agent.get('/api/queues');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
      // the page's scripts and styles are its own files, served behind the same check
      const script = /src="([^"]+\.js)"/.exec(page.text)?.[1];
      expect(script).toBeDefined();
      const asset = await coordinator.agent.get(new URL(script!, 'http://x/api/queues/').pathname);
      expect(asset.status).toBe(200);
      expect((await request(t.server).get(new URL(script!, 'http://x/api/queues/').pathname)).status).toBe(401);

      for (const who of [coordinator, admin]) {
        const api = await who.agent.get('/api/queues/api/queues');
        expect(api.status).toBe(200);
        const queues = api.body.queues as Array<{ name: string; readOnlyMode: boolean }>;
        expect(queues.map((queue) => queue.name).sort()).toEqual(['documents', 'jury', 'mail', 'results']);
        expect(queues.every((queue) => queue.readOnlyMode)).toBe(true);
      }
    });

    it('refuses a change even to a coordinator with a valid CSRF token', async () => {
      const res = await coordinator.agent
        .put('/api/queues/api/queues/mail/pause')
        .set('X-CSRF-Token', coordinator.csrf);
      expect([res.status, res.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    });
  });
});
