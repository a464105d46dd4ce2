import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { budapest, newCall, TestCall } from '../factories/calls';
import { anyMunicipalities, anyMunicipality } from '../factories/municipalities';
import { auditRows, mailsTo, newUser } from '../factories/users';
import { eventually } from '../setup/eventually';
import { createTestApp, signIn, SignedIn, TestApp } from '../setup/test-app';
import { isolateQueuePrefix, startTestWorker, TestWorker } from '../setup/test-worker';

const HUNGARIAN = 'Árvíztűrő tükörfúrógép';

/** The requests of one signed-in user, with the CSRF token on every change. */
function client(s: SignedIn) {
  return {
    get: (url: string) => s.agent.get(url),
    post: (url: string, body: object = {}) => s.agent.post(url).set('X-CSRF-Token', s.csrf).send(body),
    patch: (url: string, body: object) => s.agent.patch(url).set('X-CSRF-Token', s.csrf).send(body),
    del: (url: string) => s.agent.delete(url).set('X-CSRF-Token', s.csrf),
  };
}
type Client = ReturnType<typeof client>;

/** Every field of the form filled in (the default calls have no extra questions). */
function completeContent(title: string): Record<string, unknown> {
  return {
    title,
    summary: `Összefoglaló: ${HUNGARIAN}.`,
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

/** Reads a download as bytes. */
function bytes(req: request.Test): request.Test {
  return req.buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

/** Deadline of the default test call: 2026-03-31 23:59 Budapest time (21:59Z); scoring closes 30 days later. */
const CLOSES = '2026-03-31T21:59:00Z';
const BEFORE_CLOSE = '2026-03-20T10:00:00Z';
const AFTER_CLOSE = '2026-04-02T10:00:00Z';

describe('coordinator tools (e2e)', () => {
  let t: TestApp;
  let coordinator: Client;
  let coordinatorId: string;
  let juror: Client;
  /** Renders receipts and decides their mails after each submission, as in production. */
  let worker: TestWorker;

  beforeAll(async () => {
    isolateQueuePrefix();
    t = await createTestApp({ now: BEFORE_CLOSE });
    worker = await startTestWorker();
    const coord = await newUser(t.dataSource, { roles: ['coordinator'], name: 'Koordinátor Kata' });
    coordinatorId = coord.id;
    coordinator = client(await signIn(t.server, coord.email, coord.password));
    const jur = await newUser(t.dataSource, { roles: ['juror'], organisationCode: 'BM' });
    juror = client(await signIn(t.server, jur.email, jur.password));
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  async function member(ksh: string, options: { language?: 'hu' | 'en'; name?: string } = {}) {
    const user = await newUser(t.dataSource, { municipalityKsh: ksh, language: options.language, name: options.name });
    return { user, api: client(await signIn(t.server, user.email, user.password)) };
  }

  /** A complete draft (made while the call is open; the clock is left where it was). */
  async function completeDraft(api: Client, call: TestCall, ksh: string, themeIndex = 0, title = HUNGARIAN) {
    const now = t.clock.now();
    t.clock.set(BEFORE_CLOSE);
    const created = await api
      .post(`/api/calls/${call.id}/applications`, { themeId: call.themes[themeIndex].id, municipalityKsh: ksh })
      .expect(201);
    const saved = await api
      .patch(`/api/applications/${created.body.id}`, { version: created.body.version, content: completeContent(title) })
      .expect(200);
    t.clock.set(now);
    return { id: created.body.id as string, version: saved.body.version as number };
  }

  /** A submitted application (submitted while the call is open). */
  async function submitted(api: Client, call: TestCall, ksh: string, themeIndex = 0, title = HUNGARIAN) {
    const app = await completeDraft(api, call, ksh, themeIndex, title);
    const now = t.clock.now();
    t.clock.set(BEFORE_CLOSE);
    await api.post(`/api/applications/${app.id}/submit`).expect(201);
    t.clock.set(now);
    return app;
  }

  const startScoring = (call: TestCall) =>
    t.dataSource.query(`UPDATE call SET scoring_started_at = $2 WHERE id = $1`, [call.id, new Date(AFTER_CLOSE)]);

  describe('who may use them', () => {
    it('refuses applicants and jurors (403) and the anonymous (401) on every coordinator route', async () => {
      const mun = anyMunicipality();
      const call = await newCall(t.dataSource);
      const owner = await member(mun.kshCode);
      const { id } = await submitted(owner.api, call, mun.kshCode);
      const extension = { municipalityKsh: mun.kshCode, closesAt: '2026-04-03T12:00', reason: 'Áramszünet' };

      for (const api of [owner.api, juror]) {
        const responses = [
          await api.post(`/api/applications/${id}/reopen`, { reason: 'Hiányos' }),
          await api.post(`/api/applications/${id}/formal-check`, { result: 'eligible' }),
          await api.get(`/api/calls/${call.id}/applications.csv`),
          await api.get(`/api/calls/${call.id}/extensions`),
          await api.post(`/api/calls/${call.id}/extensions`, extension),
          await api.del(`/api/calls/${call.id}/extensions/${randomUUID()}`),
        ];
        for (const res of responses) {
          expect(res.status).toBe(403);
          expect(res.body.error.code).toBe('FORBIDDEN');
        }
      }
      const anonymous = request(t.server);
      await anonymous.post(`/api/applications/${id}/reopen`).send({ reason: 'x' }).expect(401);
      await anonymous.post(`/api/applications/${id}/formal-check`).send({ result: 'eligible' }).expect(401);
      await anonymous.get(`/api/calls/${call.id}/applications.csv`).expect(401);
      await anonymous.get(`/api/calls/${call.id}/extensions`).expect(401);
      await anonymous.post(`/api/calls/${call.id}/extensions`).send(extension).expect(401);
      await anonymous.delete(`/api/calls/${call.id}/extensions/${randomUUID()}`).expect(401);

      const read = await owner.api.get(`/api/applications/${id}`).expect(200);
      expect(read.body).toMatchObject({ status: 'submitted', formalCheck: null });
      expect((await auditRows(t.dataSource, id)).map((a) => a.action)).toEqual([
        'application.created',
        'application.saved',
        'application.submitted',
      ]);
      expect(await t.dataSource.query('SELECT id FROM deadline_extension WHERE call_id = $1', [call.id])).toEqual([]);
    });
  });

  describe('formal check', () => {
    it('is refused before the call closes, then records, changes, audits and mails an ineligible reason', async () => {
      const mun = anyMunicipality();
      const call = await newCall(t.dataSource);
      const hu = await member(mun.kshCode, { name: 'Szűcs Ödön' });
      const en = await member(mun.kshCode, { language: 'en', name: 'Anna Smith' });
      const { id } = await submitted(hu.api, call, mun.kshCode);

      t.clock.set('2026-03-31T21:58:59Z');
      const early = await coordinator.post(`/api/applications/${id}/formal-check`, { result: 'eligible' }).expect(409);
      expect(early.body.error.code).toBe('FORMAL_CHECK_NOT_OPEN');
      expect(early.body.error.message).toBe(
        'Formai ellenőrzés csak a felhívás beadási határideje (2026. március 31. 23:59:00) után, az értékelés megkezdéséig végezhető.',
      );
      const earlyEn = await coordinator
        .post(`/api/applications/${id}/formal-check?lang=en`, { result: 'eligible' })
        .expect(409);
      expect(earlyEn.body.error.message).toContain('only after the submission deadline of the call');

      t.clock.set(CLOSES);
      const noReason = await coordinator
        .post(`/api/applications/${id}/formal-check`, { result: 'ineligible', reason: '  ' })
        .expect(400);
      expect(noReason.body.error.code).toBe('VALIDATION_FAILED');
      expect(noReason.body.error.fields).toEqual({
        reason: 'Formailag nem megfelelő pályázatnál meg kell adni az indoklást.',
      });
      const unknown = await coordinator
        .post(`/api/applications/${id}/formal-check`, { result: 'maybe', status: 'draft' })
        .expect(400);
      expect(Object.keys(unknown.body.error.fields).sort()).toEqual(['result', 'status']);

      const eligible = await coordinator
        .post(`/api/applications/${id}/formal-check`, { result: 'eligible' })
        .expect(200);
      expect(eligible.body.formalCheck).toEqual({
        result: 'eligible',
        reason: null,
        checkedAt: CLOSES.replace('Z', '.000Z'),
      });
      expect(eligible.body.status).toBe('submitted');
      // the same again changes nothing
      await coordinator.post(`/api/applications/${id}/formal-check`, { result: 'eligible' }).expect(200);

      t.clock.set(AFTER_CLOSE);
      const reason = `A polgármesteri nyilatkozat hiányzik (${HUNGARIAN}).`;
      const ineligible = await coordinator
        .post(`/api/applications/${id}/formal-check`, { result: 'ineligible', reason })
        .expect(200);
      expect(ineligible.body.formalCheck).toMatchObject({ result: 'ineligible', reason });
      // the applicant sees it too
      expect((await hu.api.get(`/api/applications/${id}`).expect(200)).body.formalCheck).toMatchObject({
        result: 'ineligible',
        reason,
      });

      const huMails = (await mailsTo(t.dataSource, hu.user.email)).filter(
        (m) => m.template === 'application-ineligible',
      );
      expect(huMails).toHaveLength(1);
      expect(huMails[0]).toMatchObject({ language: 'hu', params: { reason, title: HUNGARIAN, name: 'Szűcs Ödön' } });
      const enMails = (await mailsTo(t.dataSource, en.user.email)).filter(
        (m) => m.template === 'application-ineligible',
      );
      expect(enMails).toHaveLength(1);
      expect(enMails[0]).toMatchObject({ language: 'en', params: { reason, theme: call.themes[0].titleEn } });

      const audit = (await auditRows(t.dataSource, id)).filter((a) => a.action === 'application.formal_checked');
      expect(audit.map((a) => a.changes)).toEqual([
        { formalCheck: { from: null, to: 'eligible' }, reason: { from: null, to: null } },
        { formalCheck: { from: 'eligible', to: 'ineligible' }, reason: { from: null, to: reason } },
      ]);
      expect(audit.every((a) => a.actor_id === coordinatorId)).toBe(true);

      // until scoring starts
      await startScoring(call);
      const late = await coordinator.post(`/api/applications/${id}/formal-check`, { result: 'eligible' }).expect(409);
      expect(late.body.error.code).toBe('FORMAL_CHECK_NOT_OPEN');
      expect(late.body.error.callStatus).toBe('scoring');
    });

    it('is only for submitted applications, and filters the list (eligible, ineligible, pending)', async () => {
      const [a, b, c, d] = anyMunicipalities(4);
      const call = await newCall(t.dataSource);
      const ma = await member(a.kshCode);
      const mb = await member(b.kshCode);
      const mc = await member(c.kshCode);
      const md = await member(d.kshCode);
      const ok = await submitted(ma.api, call, a.kshCode);
      const bad = await submitted(mb.api, call, b.kshCode);
      const pending = await submitted(mc.api, call, c.kshCode);
      const draft = await completeDraft(md.api, call, d.kshCode);

      t.clock.set(AFTER_CLOSE);
      const refused = await coordinator
        .post(`/api/applications/${draft.id}/formal-check`, { result: 'eligible' })
        .expect(409);
      expect(refused.body.error.code).toBe('APPLICATION_WRONG_STATUS');
      await coordinator.post(`/api/applications/${randomUUID()}/formal-check`, { result: 'eligible' }).expect(404);
      await coordinator.post(`/api/applications/${ok.id}/formal-check`, { result: 'eligible' }).expect(200);
      await coordinator
        .post(`/api/applications/${bad.id}/formal-check`, { result: 'ineligible', reason: 'Késve érkezett.' })
        .expect(200);

      const ids = async (formalCheck: string) =>
        (await coordinator.get('/api/applications').query({ callId: call.id, formalCheck }).expect(200)).body.items.map(
          (i: { id: string }) => i.id,
        );
      expect(await ids('eligible')).toEqual([ok.id]);
      expect(await ids('ineligible')).toEqual([bad.id]);
      expect(await ids('pending')).toEqual([pending.id]);
      const list = await coordinator.get('/api/applications').query({ callId: call.id, formalCheck: 'ineligible' });
      expect(list.body.items[0].formalCheck).toEqual({ result: 'ineligible', reason: 'Késve érkezett.' });
      await coordinator.get('/api/applications').query({ formalCheck: 'maybe' }).expect(400);
    });
  });

  describe('reopening for correction', () => {
    it('sends a submitted application back to draft with a reason; the next submit is number 2 with its own receipt', async () => {
      const mun = anyMunicipality();
      const call = await newCall(t.dataSource);
      const { user, api } = await member(mun.kshCode, { name: 'Kovács Őrs' });
      const { id } = await submitted(api, call, mun.kshCode);

      t.clock.set('2026-03-25T08:00:00Z');
      const reason = 'A költségvetési táblázat hiányzik.';
      const reopened = await coordinator.post(`/api/applications/${id}/reopen`, { reason }).expect(200);
      expect(reopened.body).toMatchObject({ status: 'draft', correctionClosesAt: null });
      expect(reopened.body.submissions.map((s: { number: number }) => s.number)).toEqual([1]);

      const mails = (await mailsTo(t.dataSource, user.email)).filter((m) => m.template === 'application-reopened');
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({
        language: 'hu',
        params: { reason, title: HUNGARIAN, deadline: '2026. március 31. 23:59:00', name: 'Kovács Őrs' },
      });
      const audit = await auditRows(t.dataSource, id);
      expect(audit.at(-1)).toMatchObject({
        action: 'application.reopened',
        actor_id: coordinatorId,
        changes: { status: { from: 'submitted', to: 'draft' }, reason, correctionClosesAt: null },
      });

      // the member corrects and submits again: submission 2, with its own receipt
      const saved = await api
        .patch(`/api/applications/${id}`, { version: reopened.body.version, content: { summary: 'Javítva.' } })
        .expect(200);
      t.clock.set('2026-03-26T08:00:00Z');
      const again = await api.post(`/api/applications/${id}/submit`, { version: saved.body.version }).expect(201);
      expect(again.body.submission.number).toBe(2);
      expect(again.body.application.submissions.map((s: { number: number }) => s.number)).toEqual([1, 2]);
      await bytes(api.get(`/api/applications/${id}/submissions/1/receipt`)).expect(200);
      await bytes(api.get(`/api/applications/${id}/submissions/2/receipt`)).expect(200);
      const receipts = await eventually(async () => {
        const mails = (await mailsTo(t.dataSource, user.email)).filter((m) => m.template === 'application-submitted');
        return mails.length === 2 && mails;
      });
      expect(receipts.map((m) => m.params.number)).toEqual([1, 2]);

      // a draft cannot be reopened
      const draft = await completeDraft(api, call, mun.kshCode, 1);
      const wrong = await coordinator.post(`/api/applications/${draft.id}/reopen`, { reason }).expect(409);
      expect(wrong.body.error.code).toBe('APPLICATION_WRONG_STATUS');
      // a reason is required, unknown fields are refused
      const noReason = await coordinator.post(`/api/applications/${id}/reopen`, { status: 'draft' }).expect(400);
      expect(Object.keys(noReason.body.error.fields).sort()).toEqual(['reason', 'status']);
      expect((await api.get(`/api/applications/${id}`).expect(200)).body.status).toBe('submitted');
    });

    it('after the deadline needs a correction deadline of its own, which the resubmission then honours', async () => {
      const [mun, other] = anyMunicipalities(2);
      const call = await newCall(t.dataSource);
      const { api } = await member(mun.kshCode);
      const o = await member(other.kshCode);
      const { id } = await submitted(api, call, mun.kshCode);
      const second = await submitted(api, call, mun.kshCode, 1);
      const notReopened = await completeDraft(o.api, call, other.kshCode);

      t.clock.set(AFTER_CLOSE);
      await coordinator.post(`/api/applications/${id}/formal-check`, { result: 'eligible' }).expect(200);
      const missing = await coordinator.post(`/api/applications/${id}/reopen`, { reason: 'Javítás' }).expect(400);
      expect(missing.body.error.fields).toEqual({
        closesAt: 'A beadási határidő lejárt: adja meg a javítás határidejét.',
      });
      const past = await coordinator
        .post(`/api/applications/${id}/reopen`, { reason: 'Javítás', closesAt: '2026-04-01T12:00' })
        .expect(400);
      expect(Object.keys(past.body.error.fields)).toEqual(['closesAt']);
      const badFormat = await coordinator
        .post(`/api/applications/${id}/reopen`, { reason: 'Javítás', closesAt: 'holnap' })
        .expect(400);
      expect(Object.keys(badFormat.body.error.fields)).toEqual(['closesAt']);

      const reopened = await coordinator
        .post(`/api/applications/${id}/reopen`, { reason: 'Javítás', closesAt: '2026-04-05T12:00' })
        .expect(200);
      expect(reopened.body).toMatchObject({
        status: 'draft',
        correctionClosesAt: '2026-04-05T12:00:00+02:00',
        formalCheck: null,
      });
      const reopenedLate = await coordinator
        .post(`/api/applications/${second.id}/reopen`, { reason: 'Javítás', closesAt: '2026-04-05T12:00:00+02:00' })
        .expect(200);
      const audit = await auditRows(t.dataSource, id);
      expect(audit.at(-1)?.changes).toMatchObject({
        correctionClosesAt: '2026-04-05T10:00:00.000Z',
        formalCheck: { from: 'eligible', to: null },
      });

      const correction = budapest('2026-04-05T12:00').getTime();
      t.clock.set(new Date(correction - 1000));
      const inTime = await api.post(`/api/applications/${id}/submit`).expect(201);
      expect(inTime.body.submission.number).toBe(2);
      // the correction deadline is the application's own: another municipality's draft stays late
      await o.api.post(`/api/applications/${notReopened.id}/submit`).expect(409);
      t.clock.set(new Date(correction + 1000));
      const late = await api.post(`/api/applications/${second.id}/submit`).expect(409);
      expect(late.body.error.code).toBe('APPLICATION_DEADLINE_PASSED');
      expect(late.body.error.message).toContain('2026. április 5. 12:00:00');
      expect(reopenedLate.body.status).toBe('draft');

      // no reopening once scoring has started
      await startScoring(call);
      const scoring = await coordinator
        .post(`/api/applications/${id}/reopen`, { reason: 'Még egy', closesAt: '2026-04-20T12:00' })
        .expect(409);
      expect(scoring.body.error.code).toBe('CALL_WRONG_STATUS');
    });
  });

  describe('deadline extensions', () => {
    it('lets only that municipality submit until the extended deadline; another is refused after the call’s', async () => {
      const [mun, other] = anyMunicipalities(2);
      const call = await newCall(t.dataSource);
      const a = await member(mun.kshCode);
      const b = await member(other.kshCode);
      const inTime = await completeDraft(a.api, call, mun.kshCode, 0);
      const tooLate = await completeDraft(a.api, call, mun.kshCode, 1);
      const notExtended = await completeDraft(b.api, call, other.kshCode, 0);

      t.clock.set('2026-03-30T10:00:00Z');
      const granted = await coordinator
        .post(`/api/calls/${call.id}/extensions`, {
          municipalityKsh: mun.kshCode,
          closesAt: '2026-04-03T12:00',
          reason: 'Áramszünet a hivatalban',
        })
        .expect(201);
      expect(granted.body).toMatchObject({
        callId: call.id,
        municipality: { kshCode: mun.kshCode, name: mun.name },
        closesAt: '2026-04-03T12:00:00+02:00',
        reason: 'Áramszünet a hivatalban',
        grantedBy: { id: coordinatorId, name: 'Koordinátor Kata' },
        revokedAt: null,
        inForce: true,
      });
      const audit = await auditRows(t.dataSource, granted.body.id as string);
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'deadline_extension.granted',
          actor_id: coordinatorId,
          changes: expect.objectContaining({ municipalityKsh: mun.kshCode, closesAt: '2026-04-03T10:00:00.000Z' }),
        }),
      ]);

      const extended = budapest('2026-04-03T12:00').getTime();
      t.clock.set(new Date(extended - 1000));
      await a.api.post(`/api/applications/${inTime.id}/submit`).expect(201);
      const refused = await b.api.post(`/api/applications/${notExtended.id}/submit`).expect(409);
      expect(refused.body.error.message).toContain('2026. március 31. 23:59:00');
      t.clock.set(new Date(extended + 1000));
      const late = await a.api.post(`/api/applications/${tooLate.id}/submit`).expect(409);
      expect(late.body.error.code).toBe('APPLICATION_DEADLINE_PASSED');
      expect(late.body.error.message).toContain('2026. április 3. 12:00:00');
      const listed = await coordinator.get(`/api/calls/${call.id}/extensions`).expect(200);
      expect(listed.body).toEqual([expect.objectContaining({ id: granted.body.id, inForce: false })]);
    });

    it('replaces the one in force, and a revoked extension no longer helps', async () => {
      const [mun, other] = anyMunicipalities(2);
      const call = await newCall(t.dataSource);
      const a = await member(mun.kshCode);
      const b = await member(other.kshCode);
      const first = await completeDraft(a.api, call, mun.kshCode, 0);
      const revokedOne = await completeDraft(b.api, call, other.kshCode, 0);

      t.clock.set('2026-03-30T10:00:00Z');
      const url = `/api/calls/${call.id}/extensions`;
      const one = await coordinator
        .post(url, { municipalityKsh: mun.kshCode, closesAt: '2026-04-02T12:00', reason: 'Első' })
        .expect(201);
      const two = await coordinator
        .post(url, { municipalityKsh: mun.kshCode, closesAt: '2026-04-04T12:00:00+02:00', reason: 'Második' })
        .expect(201);
      const forOther = await coordinator
        .post(url, { municipalityKsh: other.kshCode, closesAt: '2026-04-04T12:00', reason: 'Tévedés' })
        .expect(201);
      await coordinator.del(`${url}/${forOther.body.id}`).expect(204);
      await coordinator.del(`${url}/${forOther.body.id}`).expect(204);
      await coordinator.del(`${url}/${randomUUID()}`).expect(404);
      // an extension of another call is not found under this one
      const otherCall = await newCall(t.dataSource);
      await coordinator.del(`/api/calls/${otherCall.id}/extensions/${two.body.id}`).expect(404);

      const list = await coordinator.get(url).expect(200);
      const byId = Object.fromEntries(
        (list.body as Array<{ id: string; revokedAt: string | null; inForce: boolean }>).map((e) => [e.id, e]),
      );
      expect(byId[one.body.id as string]).toMatchObject({ revokedAt: '2026-03-30T10:00:00.000Z', inForce: false });
      expect(byId[two.body.id as string]).toMatchObject({ revokedAt: null, inForce: true });
      expect(byId[forOther.body.id as string]).toMatchObject({ inForce: false });
      expect((await auditRows(t.dataSource, one.body.id as string)).map((r) => r.action)).toEqual([
        'deadline_extension.granted',
        'deadline_extension.revoked',
      ]);
      expect((await auditRows(t.dataSource, forOther.body.id as string)).map((r) => r.action)).toEqual([
        'deadline_extension.granted',
        'deadline_extension.revoked',
      ]);

      t.clock.set('2026-04-03T10:00:00Z');
      await a.api.post(`/api/applications/${first.id}/submit`).expect(201);
      const refused = await b.api.post(`/api/applications/${revokedOne.id}/submit`).expect(409);
      expect(refused.body.error.code).toBe('APPLICATION_DEADLINE_PASSED');
    });

    it('refuses an extension not later than the call’s deadline, past the close of scoring, or once scoring started', async () => {
      const mun = anyMunicipality();
      const call = await newCall(t.dataSource);
      const url = `/api/calls/${call.id}/extensions`;
      t.clock.set(BEFORE_CLOSE);
      const body = (closesAt: string) => ({ municipalityKsh: mun.kshCode, closesAt, reason: 'Indok' });

      const early = await coordinator.post(url, body('2026-03-31T23:59')).expect(400);
      expect(early.body.error.fields).toEqual({
        closesAt:
          'A meghosszabbított határidőnek a felhívás saját határideje (2026. március 31. 23:59:00) után kell lennie.',
      });
      const tooLate = await coordinator.post(`${url}?lang=en`, body('2026-05-30T12:00')).expect(400);
      expect(tooLate.body.error.fields.closesAt).toBe(
        'Must be before the close of scoring (30 April 2026, 23:59:00 (Budapest time)).',
      );
      const gap = await coordinator.post(url, body('2026-03-29T02:30')).expect(400);
      expect(Object.keys(gap.body.error.fields)).toEqual(['closesAt']);
      const unknownMunicipality = await coordinator
        .post(url, { ...body('2026-04-03T12:00'), municipalityKsh: '99999' })
        .expect(400);
      expect(unknownMunicipality.body.error.code).toBe('MUNICIPALITY_NOT_FOUND');
      const unknownField = await coordinator
        .post(url, { ...body('2026-04-03T12:00'), grantedBy: randomUUID(), revokedAt: null })
        .expect(400);
      expect(Object.keys(unknownField.body.error.fields).sort()).toEqual(['grantedBy', 'revokedAt']);
      await coordinator.post(`/api/calls/${randomUUID()}/extensions`, body('2026-04-03T12:00')).expect(404);

      await startScoring(call);
      const scoring = await coordinator.post(url, body('2026-04-03T12:00')).expect(409);
      expect(scoring.body.error.code).toBe('CALL_WRONG_STATUS');
      expect(await t.dataSource.query('SELECT id FROM deadline_extension WHERE call_id = $1', [call.id])).toEqual([]);
    });
  });

  describe('list and CSV export', () => {
    it('filters by county, size and legal status, and shows county and population', async () => {
      const [vas1, vas2] = anyMunicipalities(2, { county: 'Vas', legalStatus: 'község' });
      const [town] = anyMunicipalities(1, { county: 'Vas', legalStatus: 'város' });
      const [zala] = anyMunicipalities(1, { county: 'Zala' });
      const call = await newCall(t.dataSource);
      const made: Record<string, string> = {};
      for (const m of [vas1, vas2, town, zala]) {
        const { api } = await member(m.kshCode);
        made[m.kshCode] = (await completeDraft(api, call, m.kshCode)).id;
      }
      const list = async (query: Record<string, string | number>) =>
        (
          await coordinator
            .get('/api/applications')
            .query({ callId: call.id, pageSize: 100, ...query })
            .expect(200)
        ).body as { total: number; items: Array<{ id: string; municipality: Record<string, unknown> }> };

      const vas = await list({ county: 'Vas' });
      expect(vas.total).toBe(3);
      expect(new Set(vas.items.map((i) => i.id))).toEqual(
        new Set([made[vas1.kshCode], made[vas2.kshCode], made[town.kshCode]]),
      );
      const item = vas.items.find((i) => i.id === made[vas1.kshCode]);
      expect(item?.municipality).toEqual({
        kshCode: vas1.kshCode,
        name: vas1.name,
        county: 'Vas',
        population: vas1.population,
        legalStatus: 'község',
      });

      const villages = await list({ county: 'Vas', legalStatus: 'község' });
      expect(villages.items.map((i) => i.id).sort()).toEqual([made[vas1.kshCode], made[vas2.kshCode]].sort());

      const sizes = [vas1, vas2, town, zala].map((m) => m.population).sort((x, y) => x - y);
      const between = await list({ sizeMin: sizes[1], sizeMax: sizes[2] });
      const expected = [vas1, vas2, town, zala]
        .filter((m) => m.population >= sizes[1] && m.population <= sizes[2])
        .map((m) => made[m.kshCode]);
      expect(between.items.map((i) => i.id).sort()).toEqual(expected.sort());
      expect(between.total).toBe(expected.length);

      const paged = await coordinator
        .get('/api/applications')
        .query({ callId: call.id, county: 'Vas', pageSize: 2, page: 2 })
        .expect(200);
      expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(paged.body.items).toHaveLength(1);

      const bad = await coordinator
        .get('/api/applications')
        .query({ county: 'Atlantisz', sizeMin: -1, legalStatus: 'falu' })
        .expect(400);
      expect(Object.keys(bad.body.error.fields).sort()).toEqual(['county', 'legalStatus', 'sizeMin']);
    });

    it('exports every application of a call as CSV: BOM, `;`, Hungarian text round-trips, formulas neutralised', async () => {
      const [mun, other, third] = anyMunicipalities(3);
      const call = await newCall(t.dataSource);
      const a = await member(mun.kshCode);
      const b = await member(other.kshCode);
      const c = await member(third.kshCode);
      const hungarian = await completeDraft(a.api, call, mun.kshCode, 0, HUNGARIAN);
      const formula = await completeDraft(
        b.api,
        call,
        other.kshCode,
        1,
        '=HYPERLINK("http://rossz.example";"Kattints")',
      );
      const semicolon = await submitted(c.api, call, third.kshCode, 2, 'Cím; "idézőjellel"\nés új sorral');
      t.clock.set('2026-03-31T21:58:59Z');
      await a.api.post(`/api/applications/${hungarian.id}/submit`).expect(201);
      t.clock.set(AFTER_CLOSE);
      await coordinator
        .post(`/api/applications/${semicolon.id}/formal-check`, { result: 'ineligible', reason: '-1 pont: hiányos' })
        .expect(200);
      const sha = (await a.api.get(`/api/applications/${hungarian.id}`).expect(200)).body.submissions[0].sha256;

      const res = await bytes(coordinator.get(`/api/calls/${call.id}/applications.csv`)).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="?palyazatok-${call.year}\\.csv"?$`),
      );
      const raw = res.body as Buffer;
      expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = raw.toString('utf8');
      expect(text.split('\r\n')[0]).toBe(
        '\uFEFFAzonosító;Település;KSH-kód;Vármegye;Lakónépesség;Témakör;Cím;Állapot;Beadva (budapesti idő);' +
          'Beadás sorszáma;SHA-256;Formai ellenőrzés;Indoklás',
      );

      const rows = parse<Record<string, string>>(raw, { bom: true, delimiter: ';', columns: true });
      expect(rows).toHaveLength(3);
      const byId = Object.fromEntries(rows.map((r) => [r['Azonosító'], r]));
      expect(byId[hungarian.id]).toEqual({
        Azonosító: hungarian.id,
        Település: mun.name,
        'KSH-kód': mun.kshCode,
        Vármegye: mun.county,
        Lakónépesség: String(mun.population),
        Témakör: call.themes[0].titleHu,
        Cím: HUNGARIAN,
        Állapot: 'beadott',
        'Beadva (budapesti idő)': '2026-03-31 23:58:59',
        'Beadás sorszáma': '1',
        'SHA-256': sha,
        'Formai ellenőrzés': '',
        Indoklás: '',
      });
      expect(byId[formula.id]).toMatchObject({
        Cím: `'=HYPERLINK("http://rossz.example";"Kattints")`,
        Állapot: 'piszkozat',
        'Beadva (budapesti idő)': '',
        'SHA-256': '',
      });
      expect(byId[semicolon.id]).toMatchObject({
        Cím: 'Cím; "idézőjellel"\nés új sorral',
        'Formai ellenőrzés': 'nem megfelelő',
        Indoklás: `'-1 pont: hiányos`,
      });

      await coordinator.get(`/api/calls/${randomUUID()}/applications.csv`).expect(404);
    });
  });
});
