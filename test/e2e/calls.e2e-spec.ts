import request from 'supertest';
import { createTestApp, signIn, SignedIn, TestApp } from '../setup/test-app';
import { buildCall, freeYear, freeYears, phasesAround } from '../factories/call-builder';
import { auditRows, newUser } from '../factories/users';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NOBODY = '00000000-0000-4000-8000-000000000000';

describe('calls (e2e)', () => {
  let t: TestApp;
  let coord: SignedIn;
  let admin: SignedIn;
  let applicant: SignedIn;
  let juror: SignedIn;
  let coordinatorId: string;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-01T10:00:00Z' });
    const coordinator = await newUser(t.dataSource, { roles: ['coordinator'] });
    coordinatorId = coordinator.id;
    coord = await signIn(t.server, coordinator.email, coordinator.password);
    const a = await newUser(t.dataSource, { roles: ['admin'] });
    admin = await signIn(t.server, a.email, a.password);
    const ap = await newUser(t.dataSource, { municipalityKsh: '17385' });
    applicant = await signIn(t.server, ap.email, ap.password);
    const j = await newUser(t.dataSource, { roles: ['juror'], organisationCode: 'BM' });
    juror = await signIn(t.server, j.email, j.password);
  });

  beforeEach(() => {
    t.clock.set('2026-03-01T10:00:00Z');
  });

  afterAll(async () => {
    await t?.close();
  });

  const callBody = async (overrides: Record<string, unknown> = {}) => ({
    year: await freeYear(t.dataSource),
    titleHu: 'Legjobb Önkormányzati Gyakorlatok – teszt',
    titleEn: 'Best Practices of Local Governments – test',
    descriptionHu: 'Leírás',
    descriptionEn: 'Description',
    ...phasesAround(t.clock.now()),
    ...overrides,
  });
  const callsOfYear = async (year: number) =>
    Number((await t.dataSource.query('SELECT count(*) AS n FROM call WHERE year = $1', [year]))[0].n);
  const post = (who: SignedIn, url: string, body: object = {}) =>
    who.agent.post(url).set('X-CSRF-Token', who.csrf).send(body);
  const patch = (who: SignedIn, url: string, body: object) =>
    who.agent.patch(url).set('X-CSRF-Token', who.csrf).send(body);
  const del = (who: SignedIn, url: string) => who.agent.delete(url).set('X-CSRF-Token', who.csrf);
  const announced = () => new Date(t.clock.now().getTime() - 86_400_000).toISOString();

  describe('who may do what', () => {
    it('refuses every coordinator route to anonymous callers (401), applicants and jurors (403)', async () => {
      const call = await buildCall(t.dataSource, { themes: 1, criteria: 1, questions: 1 });
      const [theme, criterion, question] = [call.themeIds[0], call.criterionIds[0], call.questionIds[0]];
      const routes: Array<['post' | 'patch' | 'delete', string]> = [
        ['post', '/api/calls'],
        ['patch', `/api/calls/${call.id}`],
        ['post', `/api/calls/${call.id}/announce`],
        ['post', `/api/calls/${call.id}/copy`],
        ['post', `/api/calls/${call.id}/start-scoring`],
        ['post', `/api/calls/${call.id}/themes`],
        ['patch', `/api/calls/${call.id}/themes/${theme}`],
        ['delete', `/api/calls/${call.id}/themes/${theme}`],
        ['post', `/api/calls/${call.id}/criteria`],
        ['patch', `/api/calls/${call.id}/criteria/${criterion}`],
        ['delete', `/api/calls/${call.id}/criteria/${criterion}`],
        ['post', `/api/calls/${call.id}/questions`],
        ['patch', `/api/calls/${call.id}/questions/${question}`],
        ['delete', `/api/calls/${call.id}/questions/${question}`],
      ];
      for (const [method, url] of routes) {
        const anonymous = await request(t.server)[method](url).send({});
        expect([url, anonymous.status, anonymous.body.error.code]).toEqual([url, 401, 'UNAUTHENTICATED']);
        for (const who of [applicant, juror]) {
          const refused = await who.agent[method](url).set('X-CSRF-Token', who.csrf).send({});
          expect([url, refused.status, refused.body.error.code]).toEqual([url, 403, 'FORBIDDEN']);
        }
      }
      // nothing changed, nothing audited
      expect(await auditRows(t.dataSource, call.id)).toEqual([]);
      const detail = await coord.agent.get(`/api/calls/${call.id}`).expect(200);
      expect(detail.body).toMatchObject({ status: 'draft', version: 1 });
      expect(detail.body.themes).toHaveLength(1);
    });

    it('lets coordinators and admins create drafts, audited with what was set', async () => {
      for (const who of [coord, admin]) {
        const body = await callBody();
        const res = await post(who, '/api/calls', body).expect(201);
        expect(res.body).toMatchObject({
          year: body.year,
          status: 'draft',
          acceptingSubmissions: false,
          announcedAt: null,
          version: 1,
          programme: { code: 'logy', nameHu: 'Legjobb Önkormányzati Gyakorlatok' },
          themes: [],
          criteria: [],
          questions: [],
        });
        expect(res.body.id).toMatch(UUID);
        const audit = await auditRows(t.dataSource, res.body.id);
        expect(audit.map((a) => a.action)).toEqual(['call.created']);
        expect(audit[0].actor_id).toBe(who.userId);
        expect(audit[0].changes).toMatchObject({ year: body.year, status: 'draft', titleHu: body.titleHu });
      }
    });
  });

  describe('public read', () => {
    it('lists announced calls only, newest year first; coordinators also see drafts', async () => {
      const [year1, year2, year3] = await freeYears(t.dataSource, 3);
      const older = await buildCall(t.dataSource, { year: year1, announcedAt: announced() });
      const newer = await buildCall(t.dataSource, { year: year2, announcedAt: announced() });
      const draft = await buildCall(t.dataSource, { year: year3 });

      const publicList = await request(t.server).get('/api/calls').query({ pageSize: 100 }).expect(200);
      const publicIds: string[] = publicList.body.items.map((c: { id: string }) => c.id);
      expect(publicIds).not.toContain(draft.id);
      expect(publicIds.indexOf(newer.id)).toBeGreaterThanOrEqual(0);
      expect(publicIds.indexOf(newer.id)).toBeLessThan(publicIds.indexOf(older.id));
      expect(publicList.body.items.every((c: { status: string }) => c.status !== 'draft')).toBe(true);
      const years: number[] = publicList.body.items.map((c: { year: number }) => c.year);
      expect(years).toEqual([...years].sort((a, b) => b - a));
      expect(publicList.body).toMatchObject({ page: 1, pageSize: 100 });
      expect(publicList.body.items[0]).not.toHaveProperty('themes');

      for (const who of [applicant, juror]) {
        const list = await who.agent.get('/api/calls').query({ pageSize: 100 }).expect(200);
        expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(draft.id);
      }
      const coordList = await coord.agent.get('/api/calls').query({ pageSize: 100 }).expect(200);
      expect(coordList.body.items.map((c: { id: string }) => c.id)).toContain(draft.id);
      expect(coordList.body.total).toBeGreaterThan(publicList.body.total);
    });

    it('paginates and filters by status; an unknown status is refused', async () => {
      const open = await buildCall(t.dataSource, { announcedAt: announced(), phases: phasesAround(t.clock.now()) });
      const closed = await buildCall(t.dataSource, {
        announcedAt: announced(),
        phases: {
          submissionOpensAt: '2026-01-01T00:00:00Z',
          submissionClosesAt: '2026-02-01T00:00:00Z',
          scoringClosesAt: '2026-04-01T00:00:00Z',
          resultsAt: '2026-05-01T00:00:00Z',
        },
      });
      const openList = await request(t.server).get('/api/calls').query({ status: 'open', pageSize: 100 }).expect(200);
      expect(openList.body.items.map((c: { id: string }) => c.id)).toContain(open.id);
      expect(openList.body.items.map((c: { id: string }) => c.id)).not.toContain(closed.id);
      expect(openList.body.items.every((c: { status: string }) => c.status === 'open')).toBe(true);
      const closedList = await request(t.server).get('/api/calls').query({ status: 'closed', pageSize: 100 });
      expect(closedList.body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([closed.id]));
      expect(closedList.body.items.every((c: { status: string }) => c.status === 'closed')).toBe(true);
      const drafts = await request(t.server).get('/api/calls').query({ status: 'draft' }).expect(200);
      expect(drafts.body).toMatchObject({ items: [], total: 0 });

      const page1 = await request(t.server).get('/api/calls').query({ pageSize: 1 }).expect(200);
      const page2 = await request(t.server).get('/api/calls').query({ pageSize: 1, page: 2 }).expect(200);
      expect(page1.body.items).toHaveLength(1);
      expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
      expect(page2.body.total).toBe(page1.body.total);

      const bad = await request(t.server).get('/api/calls').query({ status: 'finished' }).expect(400);
      expect(Object.keys(bad.body.error.fields)).toEqual(['status']);
    });

    it('shows an announced call with its current themes, criteria and questions; a draft is 404 for the public', async () => {
      const call = await buildCall(t.dataSource, {
        announcedAt: announced(),
        phases: phasesAround(t.clock.now()),
        themes: 3,
        criteria: 2,
        questions: 2,
      });
      await t.dataSource.query(`UPDATE call_theme SET removed_at = now() WHERE id = $1`, [call.themeIds[1]]);
      await t.dataSource.query(`UPDATE call_question SET removed_at = now() WHERE id = $1`, [call.questionIds[0]]);
      const res = await request(t.server).get(`/api/calls/${call.id}`).expect(200);
      expect(res.body.themes.map((x: { id: string }) => x.id)).toEqual([call.themeIds[0], call.themeIds[2]]);
      expect(res.body.criteria.map((x: { id: string }) => x.id)).toEqual(call.criterionIds);
      expect(res.body.questions.map((x: { id: string }) => x.id)).toEqual([call.questionIds[1]]);
      expect(res.body.criteria[0]).toEqual({
        id: call.criterionIds[0],
        position: 1,
        nameHu: 'Szempont 1',
        nameEn: 'Criterion 1',
        guidanceHu: '',
        guidanceEn: '',
        weight: 1,
        maxPoints: 10,
        tieBreakOrder: null,
      });
      expect(res.body).toMatchObject({ status: 'open', acceptingSubmissions: true });

      const draft = await buildCall(t.dataSource, { themes: 1 });
      for (const get of [
        request(t.server).get(`/api/calls/${draft.id}`),
        applicant.agent.get(`/api/calls/${draft.id}`),
        juror.agent.get(`/api/calls/${draft.id}`),
      ]) {
        expect((await get.expect(404)).body.error.code).toBe('NOT_FOUND');
      }
      await coord.agent.get(`/api/calls/${draft.id}`).expect(200);
      await admin.agent.get(`/api/calls/${draft.id}`).expect(200);
      await request(t.server).get(`/api/calls/${NOBODY}`).expect(404);
      await coord.agent.get(`/api/calls/${NOBODY}`).expect(404);
      const malformed = await request(t.server).get('/api/calls/not-a-uuid').expect(400);
      expect(malformed.body.error.fields).toEqual({ id: 'Érvénytelen azonosító.' });
    });
  });

  describe('Budapest time', () => {
    it('reads wall times without offset in Budapest, across both 2026 clock changes, and shows both forms', async () => {
      const res = await post(
        coord,
        '/api/calls',
        await callBody({
          submissionOpensAt: '2026-03-01T09:00',
          submissionClosesAt: '2026-03-29T03:30',
          scoringClosesAt: '2026-10-25T23:59',
          resultsAt: '2026-12-01T10:00:00+01:00',
        }),
      ).expect(201);
      expect(res.body).toMatchObject({
        submissionOpensAt: '2026-03-01T08:00:00.000Z',
        submissionOpensAtBudapest: '2026-03-01T09:00:00+01:00',
        submissionClosesAt: '2026-03-29T01:30:00.000Z',
        submissionClosesAtBudapest: '2026-03-29T03:30:00+02:00',
        scoringClosesAt: '2026-10-25T22:59:00.000Z',
        scoringClosesAtBudapest: '2026-10-25T23:59:00+01:00',
        resultsAt: '2026-12-01T09:00:00.000Z',
        resultsAtBudapest: '2026-12-01T10:00:00+01:00',
      });
      const [row] = await t.dataSource.query(`SELECT submission_closes_at FROM call WHERE id = $1`, [res.body.id]);
      expect((row.submission_closes_at as Date).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    });

    it('takes an ambiguous autumn wall time as the earlier instant, and an explicit offset as given', async () => {
      const res = await post(
        coord,
        '/api/calls',
        await callBody({
          submissionOpensAt: '2026-03-31T23:59:00+02:00',
          submissionClosesAt: '2026-10-25T02:30',
          scoringClosesAt: '2026-10-25T02:30:00+01:00',
          resultsAt: '2026-11-30T12:00:00Z',
        }),
      ).expect(201);
      expect(res.body).toMatchObject({
        submissionOpensAt: '2026-03-31T21:59:00.000Z',
        submissionOpensAtBudapest: '2026-03-31T23:59:00+02:00',
        submissionClosesAt: '2026-10-25T00:30:00.000Z',
        submissionClosesAtBudapest: '2026-10-25T02:30:00+02:00',
        scoringClosesAt: '2026-10-25T01:30:00.000Z',
        scoringClosesAtBudapest: '2026-10-25T02:30:00+01:00',
      });
    });

    it('refuses a wall time in the spring-forward gap, naming the field, in the caller’s language', async () => {
      const body = await callBody({ submissionClosesAt: '2026-03-29T02:30' });
      const res = await post(coord, '/api/calls?lang=en', body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.fields).toEqual({
        submissionClosesAt: 'This time does not exist in Budapest (clocks change: they jump from 2:00 to 3:00).',
      });
      const hu = await post(coord, '/api/calls', body).expect(400);
      expect(hu.body.error.fields.submissionClosesAt).toMatch(/nem létezik/);
      expect(await callsOfYear(body.year)).toBe(0);
    });
  });

  describe('bad input', () => {
    it('refuses unknown fields such as status or announcedAt, naming them, and creates nothing', async () => {
      const body = await callBody({ status: 'open', announcedAt: '2026-03-01T10:00:00Z' });
      const res = await post(coord, '/api/calls', body).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.error.fields).sort()).toEqual(['announcedAt', 'status']);
      expect(res.body.error.fields.status).toBe('Ismeretlen mező: status.');
      expect(await callsOfYear(body.year)).toBe(0);
    });

    it('refuses wrong types, naming each field', async () => {
      const body = await callBody({
        year: 'kétezer-huszonhét',
        titleHu: 5,
        submissionOpensAt: 12345,
        submissionClosesAt: '2026-03-31',
        maxApplicationsPerMunicipality: 1.5,
        practiceStartedAfter: '2026-02-30',
      });
      const res = await post(coord, '/api/calls?lang=en', body).expect(400);
      expect(res.body.error.fields).toEqual({
        year: 'Must be a whole number.',
        titleHu: 'Must be text.',
        submissionOpensAt:
          'Invalid date and time. Write it as 2026-03-31T23:59 (Budapest time) or with an offset: 2026-03-31T23:59:00+02:00.',
        submissionClosesAt:
          'Invalid date and time. Write it as 2026-03-31T23:59 (Budapest time) or with an offset: 2026-03-31T23:59:00+02:00.',
        maxApplicationsPerMunicipality: 'Must be a whole number.',
        practiceStartedAfter: 'Invalid date. Write it as 2026-03-31.',
      });
      const missing = await post(coord, '/api/calls', {}).expect(400);
      expect(Object.keys(missing.body.error.fields).sort()).toEqual(
        [
          'resultsAt',
          'scoringClosesAt',
          'submissionClosesAt',
          'submissionOpensAt',
          'titleEn',
          'titleHu',
          'year',
        ].sort(),
      );
    });

    it('refuses phases out of order, naming each field that is not later than the one before', async () => {
      const body = await callBody({
        submissionOpensAt: '2026-04-01T00:00',
        submissionClosesAt: '2026-04-01T00:00',
        scoringClosesAt: '2026-06-01T00:00',
        resultsAt: '2026-05-01T00:00',
      });
      const res = await post(coord, '/api/calls?lang=en', body).expect(400);
      expect(res.body.error).toMatchObject({
        code: 'CALL_PHASES_INVALID',
        fields: {
          submissionClosesAt: 'The submission deadline must be after submissions open.',
          resultsAt: 'The results must come after the close of scoring.',
        },
      });
      expect(Object.keys(res.body.error.fields).sort()).toEqual(['resultsAt', 'submissionClosesAt']);
      expect(await callsOfYear(body.year)).toBe(0);
    });

    it('refuses a second call for the same year', async () => {
      const existing = await buildCall(t.dataSource);
      const res = await post(coord, '/api/calls', await callBody({ year: existing.year })).expect(409);
      expect(res.body.error).toMatchObject({ code: 'CALL_YEAR_TAKEN', fields: { year: expect.any(String) } });
      expect(await callsOfYear(existing.year)).toBe(1);
    });
  });

  describe('editing a call', () => {
    it('changes fields on the current version, audits the difference, and refuses a stale version with 409', async () => {
      const created = await post(coord, '/api/calls', await callBody()).expect(201);
      const id = created.body.id as string;
      const edited = await patch(coord, `/api/calls/${id}`, {
        version: 1,
        titleHu: 'Új cím',
        submissionClosesAt: '2026-04-15T23:59',
        maxApplicationsPerMunicipality: 2,
      }).expect(200);
      expect(edited.body).toMatchObject({
        version: 2,
        titleHu: 'Új cím',
        submissionClosesAt: '2026-04-15T21:59:00.000Z',
        submissionClosesAtBudapest: '2026-04-15T23:59:00+02:00',
        maxApplicationsPerMunicipality: 2,
      });

      // a second editor still on version 1
      const stale = await patch(admin, `/api/calls/${id}`, { version: 1, titleHu: 'Másik cím' }).expect(409);
      expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      expect(stale.body.error.message).toMatch(/2/);

      // the same values again: nothing changes, no version, no audit row
      await patch(coord, `/api/calls/${id}`, { version: 2, titleHu: 'Új cím' }).expect(200);
      const audit = await auditRows(t.dataSource, id);
      expect(audit.map((a) => a.action)).toEqual(['call.created', 'call.updated']);
      expect(audit[1].actor_id).toBe(coordinatorId);
      expect(audit[1].changes).toEqual({
        titleHu: { from: 'Legjobb Önkormányzati Gyakorlatok – teszt', to: 'Új cím' },
        submissionClosesAt: { from: created.body.submissionClosesAt, to: '2026-04-15T21:59:00.000Z' },
        maxApplicationsPerMunicipality: { from: null, to: 2 },
        version: { from: 1, to: 2 },
      });
      const now = await coord.agent.get(`/api/calls/${id}`).expect(200);
      expect(now.body).toMatchObject({ version: 2, titleHu: 'Új cím' });
    });

    it('refuses unknown fields, null for a required field, and phases out of order; nothing changes', async () => {
      const call = await buildCall(t.dataSource);
      const unknown = await patch(coord, `/api/calls/${call.id}`, {
        version: 1,
        status: 'open',
        announcedAt: '2026-03-01T10:00',
        titleHu: 'Nem kerül be',
      }).expect(400);
      expect(Object.keys(unknown.body.error.fields).sort()).toEqual(['announcedAt', 'status']);
      const nulls = await patch(coord, `/api/calls/${call.id}`, { version: 1, titleHu: null, resultsAt: null }).expect(
        400,
      );
      expect(Object.keys(nulls.body.error.fields).sort()).toEqual(['resultsAt', 'titleHu']);
      const noVersion = await patch(coord, `/api/calls/${call.id}`, { titleHu: 'x' }).expect(400);
      expect(Object.keys(noVersion.body.error.fields)).toEqual(['version']);
      const order = await patch(coord, `/api/calls/${call.id}`, {
        version: 1,
        resultsAt: '2020-01-01T00:00Z',
      }).expect(400);
      expect(order.body.error).toMatchObject({
        code: 'CALL_PHASES_INVALID',
        fields: { resultsAt: expect.any(String) },
      });
      const res = await coord.agent.get(`/api/calls/${call.id}`).expect(200);
      expect(res.body).toMatchObject({ version: 1, titleHu: `Teszt felhívás ${call.year}`, announcedAt: null });
      expect(await auditRows(t.dataSource, call.id)).toEqual([]);
      await patch(coord, `/api/calls/${NOBODY}`, { version: 1, titleHu: 'x' }).expect(404);
    });
  });

  describe('announcing', () => {
    it('needs a theme and a criterion, then opens the call; once announced nothing can be removed', async () => {
      const created = await post(coord, '/api/calls', await callBody()).expect(201);
      const id = created.body.id as string;
      const incomplete = await post(coord, `/api/calls/${id}/announce?lang=en`).expect(409);
      expect(incomplete.body.error).toMatchObject({
        code: 'CALL_NOT_ANNOUNCEABLE',
        fields: { themes: 'At least one theme is needed.', criteria: 'At least one criterion is needed.' },
      });

      const theme = await post(coord, `/api/calls/${id}/themes`, {
        titleHu: 'Önkormányzati jó gyakorlatok az idősellátásban',
        titleEn: 'Municipal good practices in elderly care',
      }).expect(201);
      const criterion = await post(coord, `/api/calls/${id}/criteria`, {
        nameHu: 'Relevancia',
        nameEn: 'Relevance',
        weight: 1.5,
        maxPoints: 10,
        tieBreakOrder: 1,
      }).expect(201);
      const question = await post(coord, `/api/calls/${id}/questions`, {
        labelHu: 'Mióta működik a gyakorlat?',
        labelEn: 'Since when has the practice been running?',
        kind: 'date',
        required: true,
      }).expect(201);

      const stale = await post(coord, `/api/calls/${id}/announce`, { version: 7 }).expect(409);
      expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: 1 });

      const res = await post(coord, `/api/calls/${id}/announce`, { version: 1 }).expect(200);
      expect(res.body).toMatchObject({
        status: 'open',
        acceptingSubmissions: true,
        announcedAt: '2026-03-01T10:00:00.000Z',
        announcedAtBudapest: '2026-03-01T11:00:00+01:00',
        version: 2,
      });
      expect(res.body.themes).toHaveLength(1);
      const again = await post(coord, `/api/calls/${id}/announce`).expect(409);
      expect(again.body.error).toMatchObject({ code: 'CALL_WRONG_STATUS' });

      // public now
      await request(t.server).get(`/api/calls/${id}`).expect(200);

      for (const url of [
        `/api/calls/${id}/themes/${theme.body.id}`,
        `/api/calls/${id}/criteria/${criterion.body.id}`,
        `/api/calls/${id}/questions/${question.body.id}`,
      ]) {
        const refused = await del(coord, url).expect(409);
        expect(refused.body.error.code).toBe('CALL_ITEM_NOT_REMOVABLE');
      }
      const detail = await request(t.server).get(`/api/calls/${id}`).expect(200);
      expect([detail.body.themes.length, detail.body.criteria.length, detail.body.questions.length]).toEqual([1, 1, 1]);

      // the rules are fixed once public; texts and the deadline can still change
      const frozen = await patch(coord, `/api/calls/${id}`, {
        version: 2,
        year: await freeYear(t.dataSource),
        submissionOpensAt: '2026-02-20T00:00',
      }).expect(409);
      expect(frozen.body.error.code).toBe('CALL_NOT_EDITABLE');
      expect(Object.keys(frozen.body.error.fields).sort()).toEqual(['submissionOpensAt', 'year']);
      await patch(coord, `/api/calls/${id}`, {
        version: 2,
        titleEn: 'Corrected',
        submissionClosesAt: '2026-04-10T23:59',
      })
        .expect(200)
        .expect((r) => expect(r.body.version).toBe(3));
      // adding is still possible
      await post(coord, `/api/calls/${id}/themes`, { titleHu: 'Második', titleEn: 'Second' }).expect(201);

      const audit = await auditRows(t.dataSource, id);
      expect(audit.map((a) => a.action)).toEqual(['call.created', 'call.announced', 'call.updated']);
      expect(audit[1].changes).toMatchObject({
        status: { from: 'draft', to: 'open' },
        themes: 1,
        criteria: 1,
        questions: 1,
      });
      expect((await auditRows(t.dataSource, theme.body.id)).map((a) => a.action)).toEqual(['call_theme.added']);
    });

    it('refuses a call whose deadline has passed', async () => {
      const call = await buildCall(t.dataSource, {
        themes: 1,
        criteria: 1,
        phases: {
          submissionOpensAt: '2026-01-01T00:00:00Z',
          submissionClosesAt: '2026-02-01T00:00:00Z',
          scoringClosesAt: '2026-04-01T00:00:00Z',
          resultsAt: '2026-05-01T00:00:00Z',
        },
      });
      const res = await post(coord, `/api/calls/${call.id}/announce`).expect(409);
      expect(Object.keys(res.body.error.fields)).toEqual(['submissionClosesAt']);
    });
  });

  describe('status over time', () => {
    it('is open and accepting until one second before the deadline, closed at the deadline and after', async () => {
      const created = await post(
        coord,
        '/api/calls',
        await callBody({
          submissionOpensAt: '2026-03-10T09:00',
          submissionClosesAt: '2026-03-31T23:59',
          scoringClosesAt: '2026-05-31T23:59',
          resultsAt: '2026-06-15T10:00',
        }),
      ).expect(201);
      const id = created.body.id as string;
      await post(coord, `/api/calls/${id}/themes`, { titleHu: 'T', titleEn: 'T' }).expect(201);
      await post(coord, `/api/calls/${id}/criteria`, { nameHu: 'Sz', nameEn: 'C', weight: 1, maxPoints: 5 }).expect(
        201,
      );
      await post(coord, `/api/calls/${id}/announce`).expect(200);
      const state = async () => {
        const res = await request(t.server).get(`/api/calls/${id}`).expect(200);
        return [res.body.status, res.body.acceptingSubmissions];
      };

      expect(await state()).toEqual(['open', false]); // announced, not yet accepting
      t.clock.set('2026-03-10T08:00:00Z'); // 09:00 Budapest
      expect(await state()).toEqual(['open', true]);
      // too early to start scoring
      expect((await post(coord, `/api/calls/${id}/start-scoring`).expect(409)).body.error).toMatchObject({
        code: 'CALL_WRONG_STATUS',
      });
      t.clock.set('2026-03-31T21:58:59Z');
      expect(await state()).toEqual(['open', true]);
      t.clock.set('2026-03-31T21:59:00Z'); // 23:59:00 Budapest: the deadline itself is late
      expect(await state()).toEqual(['closed', false]);
      t.clock.set('2026-03-31T21:59:01Z');
      expect(await state()).toEqual(['closed', false]);

      const scoring = await post(coord, `/api/calls/${id}/start-scoring`).expect(200);
      expect(scoring.body).toMatchObject({ status: 'scoring', scoringStartedAt: '2026-03-31T21:59:01.000Z' });
      await post(coord, `/api/calls/${id}/start-scoring`).expect(409);
      const audit = await auditRows(t.dataSource, id);
      expect(audit.map((a) => a.action)).toEqual(['call.created', 'call.announced', 'call.scoring_started']);
      expect(audit[2].changes).toMatchObject({ status: { from: 'closed', to: 'scoring' } });
    });

    it('freezes the criteria once scoring has started, and the deadline with them', async () => {
      const call = await buildCall(t.dataSource, {
        announcedAt: '2026-01-01T00:00:00Z',
        themes: 1,
        criteria: 2,
        phases: {
          submissionOpensAt: '2026-01-02T00:00:00Z',
          submissionClosesAt: '2026-02-01T00:00:00Z',
          scoringClosesAt: '2026-04-01T00:00:00Z',
          resultsAt: '2026-05-01T00:00:00Z',
        },
      });
      await post(coord, `/api/calls/${call.id}/start-scoring`).expect(200);
      const criterionUrl = `/api/calls/${call.id}/criteria/${call.criterionIds[0]}`;
      const edits = [
        post(coord, `/api/calls/${call.id}/criteria`, { nameHu: 'Új', nameEn: 'New', weight: 1, maxPoints: 10 }),
        patch(coord, criterionUrl, { weight: 3 }),
        del(coord, criterionUrl),
      ];
      for (const edit of edits) expect((await edit.expect(409)).body.error.code).toBe('CRITERIA_FROZEN');
      const frozen = await patch(coord, `/api/calls/${call.id}`, {
        version: 2,
        submissionClosesAt: '2026-02-10T00:00Z',
      }).expect(409);
      expect(frozen.body.error.fields).toEqual({ submissionClosesAt: expect.any(String) });
      // themes can still be corrected
      await patch(coord, `/api/calls/${call.id}/themes/${call.themeIds[0]}`, { titleEn: 'Fixed' }).expect(200);
      const detail = await request(t.server).get(`/api/calls/${call.id}`).expect(200);
      expect(detail.body.criteria.map((c: { weight: number }) => c.weight)).toEqual([1, 1]);
      expect(await auditRows(t.dataSource, call.criterionIds[0])).toEqual([]);
    });
  });

  describe('copying from a previous year', () => {
    it('makes a new draft with the texts, current themes, criteria and questions, and records the source', async () => {
      const source = await buildCall(t.dataSource, {
        announcedAt: announced(),
        themes: 3,
        criteria: 2,
        questions: 1,
        titleHu: 'LÖGY 2021 felhívás',
      });
      await t.dataSource.query(`UPDATE call_theme SET removed_at = now() WHERE id = $1`, [source.themeIds[0]]);
      await t.dataSource.query(`UPDATE call_criterion SET tie_break_order = 1, weight = 2.5 WHERE id = $1`, [
        source.criterionIds[1],
      ]);
      await t.dataSource.query(`UPDATE call SET title_hu = 'LÖGY ' || year || ' felhívás' WHERE id = $1`, [source.id]);
      const year = await freeYear(t.dataSource);
      const res = await post(coord, `/api/calls/${source.id}/copy`, {
        year,
        submissionOpensAt: '2026-04-01T00:00',
        submissionClosesAt: '2026-06-30T23:59',
        scoringClosesAt: '2026-09-30T23:59',
        resultsAt: '2026-10-31T12:00',
      }).expect(201);
      expect(res.body).toMatchObject({
        year,
        status: 'draft',
        version: 1,
        copiedFromCallId: source.id,
        titleHu: `LÖGY ${year} felhívás`,
        titleEn: `Test call ${year}`,
        descriptionHu: 'Leírás',
        submissionClosesAtBudapest: '2026-06-30T23:59:00+02:00',
      });
      expect(res.body.themes.map((x: { titleHu: string; position: number }) => [x.position, x.titleHu])).toEqual([
        [1, 'Témakör 2'],
        [2, 'Témakör 3'],
      ]);
      expect(res.body.themes.map((x: { id: string }) => x.id)).not.toContain(source.themeIds[1]);
      expect(
        res.body.criteria.map((c: { weight: number; tieBreakOrder: number | null }) => [c.weight, c.tieBreakOrder]),
      ).toEqual([
        [1, null],
        [2.5, 1],
      ]);
      expect(res.body.questions).toHaveLength(1);
      const audit = await auditRows(t.dataSource, res.body.id);
      expect(audit.map((a) => a.action)).toEqual(['call.copied']);
      expect(audit[0].changes).toMatchObject({
        copiedFromCallId: source.id,
        year,
        themes: 2,
        criteria: 2,
        questions: 1,
      });
      // the source is untouched
      const sourceNow = await request(t.server).get(`/api/calls/${source.id}`).expect(200);
      expect(sourceNow.body.themes).toHaveLength(2);

      const taken = await post(coord, `/api/calls/${source.id}/copy`, {
        year,
        ...phasesAround(t.clock.now()),
      }).expect(409);
      expect(taken.body.error.code).toBe('CALL_YEAR_TAKEN');
      const unknown = await post(coord, `/api/calls/${NOBODY}/copy`, {
        year: await freeYear(t.dataSource),
        ...phasesAround(t.clock.now()),
      }).expect(404);
      expect(unknown.body.error.code).toBe('NOT_FOUND');
      const badPhases = await post(coord, `/api/calls/${source.id}/copy`, {
        year: await freeYear(t.dataSource),
        ...phasesAround(t.clock.now()),
        resultsAt: '2020-01-01T00:00Z',
      }).expect(400);
      expect(badPhases.body.error.code).toBe('CALL_PHASES_INVALID');
    });
  });

  describe('themes, criteria and questions of a draft', () => {
    it('adds, edits and removes each, with an audit row for every change', async () => {
      const call = await buildCall(t.dataSource);
      const [org] = await t.dataSource.query(`SELECT id FROM organisation WHERE code = 'OPSZ'`);
      const theme = await post(coord, `/api/calls/${call.id}/themes`, {
        titleHu: 'Közbiztonság',
        titleEn: 'Public safety',
        sponsorOrganisationId: org.id,
      }).expect(201);
      expect(theme.body).toMatchObject({ position: 1, sponsorOrganisationId: org.id, descriptionHu: '' });
      const second = await post(coord, `/api/calls/${call.id}/themes`, { titleHu: 'Második', titleEn: 'Second' });
      expect(second.body.position).toBe(2);
      await patch(coord, `/api/calls/${call.id}/themes/${theme.body.id}`, {
        descriptionHu: 'Leírás',
        sponsorOrganisationId: null,
      })
        .expect(200)
        .expect((r) => expect(r.body).toMatchObject({ descriptionHu: 'Leírás', sponsorOrganisationId: null }));
      await del(coord, `/api/calls/${call.id}/themes/${theme.body.id}`).expect(204);
      await del(coord, `/api/calls/${call.id}/themes/${theme.body.id}`).expect(404);
      await patch(coord, `/api/calls/${call.id}/themes/${theme.body.id}`, { titleHu: 'x' }).expect(404);
      const [kept] = await t.dataSource.query(`SELECT removed_at FROM call_theme WHERE id = $1`, [theme.body.id]);
      expect(kept.removed_at).toEqual(expect.any(Date)); // never deleted
      expect((await auditRows(t.dataSource, theme.body.id)).map((a) => a.action)).toEqual([
        'call_theme.added',
        'call_theme.updated',
        'call_theme.removed',
      ]);
      const themeAudit = await auditRows(t.dataSource, theme.body.id);
      expect(themeAudit[1].changes).toEqual({
        callId: call.id,
        descriptionHu: { from: '', to: 'Leírás' },
        sponsorOrganisationId: { from: org.id, to: null },
      });

      const c1 = await post(coord, `/api/calls/${call.id}/criteria`, {
        nameHu: 'Hatás',
        nameEn: 'Impact',
        weight: 1.25,
        maxPoints: 10,
        tieBreakOrder: 1,
      }).expect(201);
      expect(c1.body).toMatchObject({ weight: 1.25, maxPoints: 10, tieBreakOrder: 1, position: 1 });
      const clash = await post(coord, `/api/calls/${call.id}/criteria`, {
        nameHu: 'Innováció',
        nameEn: 'Innovation',
        weight: 1,
        maxPoints: 10,
        tieBreakOrder: 1,
      }).expect(409);
      expect(clash.body.error).toMatchObject({
        code: 'TIE_BREAK_TAKEN',
        fields: { tieBreakOrder: expect.any(String) },
      });
      const badCriterion = await post(coord, `/api/calls/${call.id}/criteria`, {
        nameHu: 'X',
        nameEn: 'X',
        weight: 0,
        maxPoints: 101,
        tieBreakOrder: 'első',
      }).expect(400);
      expect(Object.keys(badCriterion.body.error.fields).sort()).toEqual(['maxPoints', 'tieBreakOrder', 'weight']);
      await patch(coord, `/api/calls/${call.id}/criteria/${c1.body.id}`, { weight: 2, maxPoints: 20 })
        .expect(200)
        .expect((r) => expect(r.body).toMatchObject({ weight: 2, maxPoints: 20 }));
      await del(coord, `/api/calls/${call.id}/criteria/${c1.body.id}`).expect(204);
      // its tie-break position is free again
      await post(coord, `/api/calls/${call.id}/criteria`, {
        nameHu: 'Innováció',
        nameEn: 'Innovation',
        weight: 1,
        maxPoints: 10,
        tieBreakOrder: 1,
      }).expect(201);
      expect((await auditRows(t.dataSource, c1.body.id)).map((a) => a.action)).toEqual([
        'call_criterion.added',
        'call_criterion.updated',
        'call_criterion.removed',
      ]);

      const choices = [
        { value: 'newsletter', hu: 'Hírlevélből', en: 'From the newsletter' },
        { value: 'conference', hu: 'Konferencián', en: 'At a conference' },
      ];
      const noChoices = await post(coord, `/api/calls/${call.id}/questions?lang=en`, {
        labelHu: 'Honnan értesült?',
        labelEn: 'How did you hear of it?',
        kind: 'single_choice',
      }).expect(400);
      expect(noChoices.body.error.fields).toEqual({ choices: 'A single-choice question needs its choices.' });
      const stray = await post(coord, `/api/calls/${call.id}/questions`, {
        labelHu: 'Költség',
        labelEn: 'Cost',
        kind: 'number',
        choices,
      }).expect(400);
      expect(Object.keys(stray.body.error.fields)).toEqual(['choices']);
      const badChoice = await post(coord, `/api/calls/${call.id}/questions`, {
        labelHu: 'Honnan?',
        labelEn: 'Where from?',
        kind: 'single_choice',
        choices: [{ value: 'x', hu: 'X', en: 5, extra: true }],
      }).expect(400);
      expect(Object.keys(badChoice.body.error.fields).sort()).toEqual(['choices.0.en', 'choices.0.extra']);
      const badKind = await post(coord, `/api/calls/${call.id}/questions`, {
        labelHu: 'Kérdés',
        labelEn: 'Question',
        kind: 'essay',
      }).expect(400);
      expect(Object.keys(badKind.body.error.fields)).toEqual(['kind']);

      const q = await post(coord, `/api/calls/${call.id}/questions`, {
        labelHu: 'Honnan értesült?',
        labelEn: 'How did you hear of it?',
        kind: 'single_choice',
        required: true,
        choices,
      }).expect(201);
      expect(q.body).toMatchObject({ kind: 'single_choice', required: true, choices, helpHu: null });
      // becoming a short text drops the choices
      await patch(coord, `/api/calls/${call.id}/questions/${q.body.id}`, { kind: 'short_text' })
        .expect(200)
        .expect((r) => expect(r.body).toMatchObject({ kind: 'short_text', choices: null }));
      await del(coord, `/api/calls/${call.id}/questions/${q.body.id}`).expect(204);
      expect((await auditRows(t.dataSource, q.body.id)).map((a) => a.action)).toEqual([
        'call_question.added',
        'call_question.updated',
        'call_question.removed',
      ]);

      const detail = await coord.agent.get(`/api/calls/${call.id}`).expect(200);
      expect(detail.body.themes.map((x: { titleHu: string }) => x.titleHu)).toEqual(['Második']);
      expect(detail.body.criteria.map((x: { nameHu: string }) => x.nameHu)).toEqual(['Innováció']);
      expect(detail.body.questions).toEqual([]);
      // the call's own version is not moved by its content
      expect(detail.body.version).toBe(1);
    });

    it('refuses an unknown sponsor organisation, an unknown call and items of another call', async () => {
      const call = await buildCall(t.dataSource, { themes: 1 });
      const other = await buildCall(t.dataSource, { themes: 1 });
      const res = await post(coord, `/api/calls/${call.id}/themes`, {
        titleHu: 'T',
        titleEn: 'T',
        sponsorOrganisationId: NOBODY,
      }).expect(400);
      expect(res.body.error).toMatchObject({
        code: 'ORGANISATION_NOT_FOUND',
        fields: { sponsorOrganisationId: expect.any(String) },
      });
      await post(coord, `/api/calls/${NOBODY}/themes`, { titleHu: 'T', titleEn: 'T' }).expect(404);
      await patch(coord, `/api/calls/${call.id}/themes/${other.themeIds[0]}`, { titleHu: 'x' }).expect(404);
      await del(coord, `/api/calls/${call.id}/themes/${other.themeIds[0]}`).expect(404);
      const malformed = await del(coord, `/api/calls/${call.id}/themes/nope`).expect(400);
      expect(malformed.body.error.fields).toEqual({ themeId: 'Érvénytelen azonosító.' });
    });
  });
});
