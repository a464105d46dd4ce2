import { createHash, randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import request from 'supertest';
import { canonicalJson } from '@portal/applications';
import { overrideEnv } from '@portal/config';
import { budapest, newCall, newDeadlineExtension, TestCall } from '../factories/calls';
import { anyMunicipalities } from '../factories/municipalities';
import { auditRows, newUser, TestUser } from '../factories/users';
import { SAMPLES } from '../fixtures/files';
import { pdfText } from '../setup/pdf-text';
import { startSmtpSink, SmtpSink } from '../setup/smtp-sink';
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
    upload: (url: string, content: Buffer, fileName: string) =>
      s.agent.post(url).set('X-CSRF-Token', s.csrf).attach('file', content, fileName),
  };
}
type Client = ReturnType<typeof client>;

function answerFor(kind: string): string | number {
  switch (kind) {
    case 'number':
      return 42;
    case 'date':
      return '2020-01-15';
    case 'single_choice':
      return 'igen';
    default:
      return `Válasz: ${HUNGARIAN}`;
  }
}

/** Every field of the form filled in (and every question of the call answered). */
function completeContent(call: TestCall, title = HUNGARIAN): Record<string, unknown> {
  return {
    title,
    summary: `Összefoglaló: ${HUNGARIAN} a faluházban.`,
    problem: 'Az idősek elszigetelten éltek a külterületen.',
    practice: 'Falugondnoki hálózat és heti közösségi ebéd.',
    results: 'A résztvevők száma két év alatt 35-ről 120-ra nőtt.',
    costHuf: 12_500_000,
    funding: 'Saját forrás és TOP-pályázat.',
    partners: 'Református egyházközség',
    communityParticipation: 'Önkéntesek főznek és szállítanak.',
    sustainability: 'A költségvetés évente fedezi.',
    adoption: 'Egy falugondnok és egy konyha kell hozzá.',
    startDate: '2019-09-01',
    contact: { name: 'Őri Dezső', position: 'jegyző', email: 'ori.dezso@teszt.hu', phone: '+36 30 123 4567' },
    answers: Object.fromEntries(call.questions.map((q) => [q.id, answerFor(q.kind)])),
  };
}

const recipients = (mail: ParsedMail): string[] =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((to) => to.value.map((v) => v.address ?? ''));

describe('applications (e2e)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let worker: TestWorker;
  let coordinator: Client;
  let juror: Client;

  beforeAll(async () => {
    isolateQueuePrefix();
    sink = await startSmtpSink();
    overrideEnv({ SMTP_URL: sink.url });
    t = await createTestApp({ now: '2026-03-01T10:00:00Z' });
    worker = await startTestWorker();
    const coord = await newUser(t.dataSource, { roles: ['coordinator'] });
    coordinator = client(await signIn(t.server, coord.email, coord.password));
    const jur = await newUser(t.dataSource, { roles: ['juror'], organisationCode: 'BM' });
    juror = client(await signIn(t.server, jur.email, jur.password));
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink?.close();
    overrideEnv({ SMTP_URL: '' });
  });

  /** A municipality with one approved member (signed in), and what they need. */
  async function member(ksh: string, options: { language?: 'hu' | 'en'; name?: string } = {}) {
    const user = await newUser(t.dataSource, { municipalityKsh: ksh, language: options.language, name: options.name });
    return { user, api: client(await signIn(t.server, user.email, user.password)) };
  }

  async function draft(
    api: Client,
    call: TestCall,
    ksh: string,
    themeIndex = 0,
  ): Promise<{ id: string; version: number }> {
    const res = await api.post(`/api/calls/${call.id}/applications`, {
      themeId: call.themes[themeIndex].id,
      municipalityKsh: ksh,
    });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, version: res.body.version as number };
  }

  async function completeDraft(api: Client, call: TestCall, ksh: string, themeIndex = 0, title = HUNGARIAN) {
    const created = await draft(api, call, ksh, themeIndex);
    const saved = await api
      .patch(`/api/applications/${created.id}`, { version: created.version, content: completeContent(call, title) })
      .expect(200);
    return { id: created.id, version: saved.body.version as number };
  }

  const submissionCount = async (applicationId: string): Promise<number> =>
    Number(
      (
        await t.dataSource.query('SELECT count(*) AS n FROM application_submission WHERE application_id = $1', [
          applicationId,
        ])
      )[0].n,
    );

  describe('drafts', () => {
    it('creates, saves partially with the version, lists what is missing and audits field names only', async () => {
      const [mun] = anyMunicipalities(1);
      const call = await newCall(t.dataSource, {
        questions: [{ kind: 'number', required: true }, { kind: 'short_text' }],
      });
      t.clock.set('2026-03-01T10:00:00Z');
      const { user, api } = await member(mun.kshCode, { name: 'Kovács Őrs' });
      const created = await api
        .post(`/api/calls/${call.id}/applications`, { themeId: call.themes[1].id, municipalityKsh: mun.kshCode })
        .expect(201);
      expect(created.body).toMatchObject({
        callId: call.id,
        status: 'draft',
        version: 1,
        content: {},
        theme: { id: call.themes[1].id, titleHu: 'Idősgondozás' },
        municipality: { kshCode: mun.kshCode, name: mun.name },
        submissionClosesAt: '2026-03-31T23:59:00+02:00',
      });
      const id = created.body.id as string;

      const saved = await api
        .patch(`/api/applications/${id}`, {
          version: 1,
          content: { title: HUNGARIAN, summary: 'Első változat', contact: { name: 'Őri Dezső' } },
        })
        .expect(200);
      expect(saved.body.version).toBe(2);
      expect(saved.body.title).toBe(HUNGARIAN);
      expect(saved.body.updatedBy).toEqual({ id: user.id, name: 'Kovács Őrs' });

      // a second save merges: given fields replace, null clears, omitted ones stay
      const again = await api
        .patch(`/api/applications/${id}`, {
          version: 2,
          content: {
            summary: null,
            costHuf: 0,
            contact: { email: 'ori@teszt.hu' },
            answers: { [call.questions[0].id]: 7 },
          },
        })
        .expect(200);
      expect(again.body.version).toBe(3);
      expect(again.body.content).toEqual({
        title: HUNGARIAN,
        costHuf: 0,
        contact: { name: 'Őri Dezső', email: 'ori@teszt.hu' },
        answers: { [call.questions[0].id]: 7 },
      });

      const read = await api.get(`/api/applications/${id}`).expect(200);
      expect(read.body.content.title).toBe(HUNGARIAN);
      const missing = await api.get(`/api/applications/${id}/missing`).expect(200);
      expect(missing.body.missing).toEqual([
        'content.summary',
        'content.problem',
        'content.practice',
        'content.results',
        'content.communityParticipation',
        'content.sustainability',
        'content.adoption',
        'content.startDate',
        'content.contact.position',
        'content.contact.phone',
      ]);
      expect(read.body.missing).toEqual(missing.body.missing);

      // the list of the member's municipality has it, without the content
      const list = await api.get('/api/applications').query({ callId: call.id }).expect(200);
      expect(list.body.total).toBe(1);
      expect(list.body.items[0]).toMatchObject({ id, title: HUNGARIAN, status: 'draft', version: 3 });
      expect(list.body.items[0]).not.toHaveProperty('content');

      const audit = await auditRows(t.dataSource, id);
      expect(audit.map((a) => a.action)).toEqual(['application.created', 'application.saved', 'application.saved']);
      expect(audit[1].actor_id).toBe(user.id);
      expect(audit[1].changes).toEqual({ fields: ['contact.name', 'summary', 'title'], version: { from: 1, to: 2 } });
      expect(audit[2].changes.fields).toEqual([
        `answers.${call.questions[0].id}`,
        'contact.email',
        'costHuf',
        'summary',
      ]);
      expect(JSON.stringify(audit)).not.toContain(HUNGARIAN);
    });

    it('refuses a stale save with 409 and the current version, and changes nothing', async () => {
      const [mun] = anyMunicipalities(1);
      const call = await newCall(t.dataSource);
      t.clock.set('2026-03-01T10:00:00Z');
      const first = await member(mun.kshCode, { name: 'Első Ügyintéző' });
      const second = await member(mun.kshCode, { name: 'Második Ügyintéző' });
      const { id } = await draft(first.api, call, mun.kshCode);
      t.clock.set('2026-03-01T10:05:00Z');
      await first.api
        .patch(`/api/applications/${id}`, { version: 1, content: { title: 'Az első mentés' } })
        .expect(200);

      // the second member still has version 1 open
      const stale = await second.api
        .patch(`/api/applications/${id}`, { version: 1, content: { title: 'Felülírná' } })
        .expect(409);
      expect(stale.body.error.code).toBe('APPLICATION_STALE_VERSION');
      expect(stale.body.error.message).toContain('2');
      expect(stale.body.error.current).toEqual({
        version: 2,
        content: { title: 'Az első mentés' },
        updatedAt: '2026-03-01T10:05:00.000Z',
        updatedBy: { id: first.user.id, name: 'Első Ügyintéző' },
      });
      const read = await second.api.get(`/api/applications/${id}`).expect(200);
      expect(read.body).toMatchObject({ version: 2, content: { title: 'Az első mentés' } });

      // with the current version the save goes through
      await second.api
        .patch(`/api/applications/${id}`, { version: 2, content: { summary: 'Kiegészítés' } })
        .expect(200);
    });

    it('gives 20 concurrent saves on one version exactly one success; the others are stale, each with the winner, one audit row', async () => {
      const [mun] = anyMunicipalities(1);
      const call = await newCall(t.dataSource);
      t.clock.set('2026-03-01T10:00:00Z');
      const staff = await Promise.all(
        Array.from({ length: 4 }, (_, i) => member(mun.kshCode, { name: `Ügyintéző ${i + 1}` })),
      );
      const { id } = await draft(staff[0].api, call, mun.kshCode);
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          staff[i % staff.length].api.patch(`/api/applications/${id}`, {
            version: 1,
            content: { title: `Mentés ${i + 1}: árvíztűrő` },
          }),
        ),
      );
      const won = responses.filter((res) => res.status === 200);
      expect(won).toHaveLength(1);
      const winner = won[0].body as { version: number; title: string };
      expect(winner.version).toBe(2);
      for (const res of responses.filter((r) => r.status !== 200)) {
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('APPLICATION_STALE_VERSION');
        expect(res.body.error.current).toMatchObject({ version: 2, content: { title: winner.title } });
      }
      const read = await staff[1].api.get(`/api/applications/${id}`).expect(200);
      expect(read.body).toMatchObject({ version: 2, title: winner.title });
      const saves = await auditRows(t.dataSource, id);
      expect(saves.filter((row) => row.action === 'application.saved')).toHaveLength(1);
    });

    it('refuses unknown fields anywhere in a body with 400 naming them, and changes nothing', async () => {
      const [mun, other] = anyMunicipalities(2);
      const call = await newCall(t.dataSource, { questions: [{ kind: 'number' }, { kind: 'single_choice' }] });
      t.clock.set('2026-03-01T10:00:00Z');
      const { api } = await member(mun.kshCode);
      const { id } = await draft(api, call, mun.kshCode);

      const res = await api
        .patch(`/api/applications/${id}`, {
          version: 1,
          status: 'submitted',
          municipalityId: other.kshCode,
          content: {
            title: 'Becsempészett',
            municipalityKsh: other.kshCode,
            callId: randomUUID(),
            contact: { role: 'x' },
          },
        })
        .expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.error.fields).sort()).toEqual([
        'content.callId',
        'content.contact.role',
        'content.municipalityKsh',
        'municipalityId',
        'status',
      ]);
      expect(res.body.error.fields.status).toBe('Ismeretlen mező: status.');

      // answers must name the call's questions and fit their kinds
      const answers = await api
        .patch(`/api/applications/${id}`, {
          version: 1,
          content: {
            title: 'Ez sem kerül be',
            answers: { [randomUUID()]: 'x', [call.questions[0].id]: 'sok', [call.questions[1].id]: 'talán' },
          },
        })
        .expect(400);
      expect(Object.keys(answers.body.error.fields)).toHaveLength(3);
      expect(answers.body.error.fields[`content.answers.${call.questions[0].id}`]).toBe('Számot kell megadni.');

      // a summary over 1,000 characters, a negative cost
      const limits = await api
        .patch(`/api/applications/${id}`, { version: 1, content: { summary: 'ő'.repeat(1001), costHuf: -1 } })
        .expect(400);
      expect(Object.keys(limits.body.error.fields).sort()).toEqual(['content.costHuf', 'content.summary']);

      // partner organisations are steering-committee codes (their jurors are in conflict with the application)
      const partners = await api
        .patch(`/api/applications/${id}`, { version: 1, content: { partnerOrganisations: ['TÖOSZ', 'NINCS-ILYEN'] } })
        .expect(400);
      expect(partners.body.error.fields).toEqual({
        'content.partnerOrganisations': 'Ismeretlen szervezetkód: NINCS-ILYEN.',
      });

      const created = await api
        .post(`/api/calls/${call.id}/applications`, {
          themeId: call.themes[0].id,
          municipalityKsh: mun.kshCode,
          status: 'submitted',
        })
        .expect(400);
      expect(Object.keys(created.body.error.fields)).toEqual(['status']);

      const read = await api.get(`/api/applications/${id}`).expect(200);
      expect(read.body).toMatchObject({
        status: 'draft',
        version: 1,
        content: {},
        municipality: { kshCode: mun.kshCode },
      });
      expect((await auditRows(t.dataSource, id)).map((a) => a.action)).toEqual(['application.created']);
    });

    it('allows one application per municipality and theme, or N per municipality when the call says so', async () => {
      const [mun] = anyMunicipalities(1);
      const call = await newCall(t.dataSource);
      t.clock.set('2026-03-01T10:00:00Z');
      const { api } = await member(mun.kshCode);
      await draft(api, call, mun.kshCode, 0);
      const twice = await api
        .post(`/api/calls/${call.id}/applications`, { themeId: call.themes[0].id, municipalityKsh: mun.kshCode })
        .expect(409);
      expect(twice.body.error.code).toBe('APPLICATION_LIMIT_REACHED');
      expect(Object.keys(twice.body.error.fields)).toEqual(['themeId']);
      await draft(api, call, mun.kshCode, 1);

      const limited = await newCall(t.dataSource, { maxApplicationsPerMunicipality: 1 });
      const { id } = await draft(api, limited, mun.kshCode, 0);
      await api
        .post(`/api/calls/${limited.id}/applications`, { themeId: limited.themes[1].id, municipalityKsh: mun.kshCode })
        .expect(409);
      // a withdrawn application does not count
      await api.post(`/api/applications/${id}/withdraw`).expect(200);
      await draft(api, limited, mun.kshCode, 1);

      // a theme of another call is not a theme of this one
      const wrong = await api
        .post(`/api/calls/${call.id}/applications`, { themeId: limited.themes[2].id, municipalityKsh: mun.kshCode })
        .expect(400);
      expect(Object.keys(wrong.body.error.fields)).toEqual(['themeId']);
    });
  });

  describe('submission', () => {
    it('lists exactly the missing fields when an incomplete application is submitted', async () => {
      const [mun] = anyMunicipalities(1);
      const call = await newCall(t.dataSource, {
        questions: [{ kind: 'date', required: true }, { kind: 'long_text' }],
      });
      t.clock.set('2026-03-01T10:00:00Z');
      const { api } = await member(mun.kshCode);
      const { id } = await draft(api, call, mun.kshCode);
      const content = completeContent(call);
      delete content.summary;
      (content.contact as Record<string, string>).phone = '';
      content.answers = {};
      const saved = await api.patch(`/api/applications/${id}`, { version: 1, content }).expect(200);
      // funding and partners are optional
      await api
        .patch(`/api/applications/${id}`, { version: saved.body.version, content: { funding: null, partners: null } })
        .expect(200);

      const refused = await api.post(`/api/applications/${id}/submit`).expect(422);
      expect(refused.body.error.code).toBe('APPLICATION_INCOMPLETE');
      const expected = ['content.summary', 'content.contact.phone', `content.answers.${call.questions[0].id}`];
      expect(refused.body.error.missing).toEqual(expected);
      expect(Object.keys(refused.body.error.fields)).toEqual(expected);
      expect(refused.body.error.fields['content.summary']).toBe('A beadáshoz kötelező.');
      expect((await api.get(`/api/applications/${id}/missing`).expect(200)).body.missing).toEqual(expected);
      expect(await submissionCount(id)).toBe(0);
    });

    it('refuses a practice younger than the call allows, naming the start date, and takes one started on the day', async () => {
      const [mun] = anyMunicipalities(1);
      const call = await newCall(t.dataSource, { practiceStartedAfter: '2019-01-01' });
      t.clock.set('2026-03-01T10:00:00Z');
      const { api } = await member(mun.kshCode);
      const { id } = await draft(api, call, mun.kshCode);
      const saved = await api
        .patch(`/api/applications/${id}`, {
          version: 1,
          content: { ...completeContent(call), startDate: '2019-01-02' },
        })
        .expect(200);
      const refused = await api.post(`/api/applications/${id}/submit?lang=en`).expect(422);
      expect(refused.body.error.code).toBe('PRACTICE_TOO_RECENT');
      expect(refused.body.error.fields).toEqual({
        'content.startDate': 'The practice must have run since 2019-01-01 at least (started on or before that day).',
      });
      expect(await submissionCount(id)).toBe(0);
      await api
        .patch(`/api/applications/${id}`, { version: saved.body.version, content: { startDate: '2019-01-01' } })
        .expect(200);
      await api.post(`/api/applications/${id}/submit`).expect(201);
      expect(await submissionCount(id)).toBe(1);
    });

    it('accepts a submission one second before the deadline and refuses it at the deadline and one second after', async () => {
      const [mun] = anyMunicipalities(1);
      const call = await newCall(t.dataSource, { closesAt: budapest('2026-03-31T23:59') });
      expect(call.submissionClosesAt.toISOString()).toBe('2026-03-31T21:59:00.000Z');
      t.clock.set('2026-03-01T10:00:00Z');
      const { api } = await member(mun.kshCode);
      const early = await completeDraft(api, call, mun.kshCode, 0);
      const atDeadline = await completeDraft(api, call, mun.kshCode, 1);
      const late = await completeDraft(api, call, mun.kshCode, 2);

      t.clock.set('2026-03-31T21:58:59Z');
      const accepted = await api.post(`/api/applications/${early.id}/submit`).expect(201);
      expect(accepted.body.submission).toMatchObject({ number: 1, receivedAt: '2026-03-31T23:58:59+02:00' });
      expect(accepted.body.application).toMatchObject({ status: 'submitted', submittedAt: '2026-03-31T21:58:59.000Z' });

      t.clock.set('2026-03-31T21:59:00Z');
      const exactly = await api.post(`/api/applications/${atDeadline.id}/submit`).expect(409);
      expect(exactly.body.error.code).toBe('APPLICATION_DEADLINE_PASSED');
      expect(exactly.body.error.message).toBe(
        'A beadási határidő lejárt: 2026. március 31. 23:59:00 (budapesti idő). A kérés 2026. március 31. 23:59:00-kor érkezett.',
      );
      expect(exactly.body.error.deadline).toBe('2026-03-31T21:59:00.000Z');

      t.clock.set('2026-03-31T21:59:01Z');
      const after = await api.post(`/api/applications/${late.id}/submit?lang=en`).expect(409);
      expect(after.body.error.message).toBe(
        'The submission deadline has passed: 31 March 2026, 23:59:00 (Budapest time). ' +
          'The request was received on 31 March 2026, 23:59:01 (Budapest time).',
      );
      expect(await submissionCount(atDeadline.id)).toBe(0);
      expect(await submissionCount(late.id)).toBe(0);
      // nor can a new draft be started once the call has closed
      const newDraft = await api
        .post(`/api/calls/${call.id}/applications`, { themeId: call.themes[0].id, municipalityKsh: mun.kshCode })
        .expect(409);
      expect(newDraft.body.error.code).toBe('APPLICATION_DEADLINE_PASSED');
    });

    it.each([
      ['spring forward', '2026-03-29T03:30', '2026-03-29T01:30:00.000Z', '2026. március 29. 03:30:00'],
      ['fall back', '2026-10-25T03:30', '2026-10-25T02:30:00.000Z', '2026. október 25. 03:30:00'],
    ])(
      'puts a deadline entered in Budapest time across the %s change on the right instant',
      async (_change, wall, utc, shown) => {
        const [mun] = anyMunicipalities(1);
        const call = await newCall(t.dataSource, { closesAt: budapest(wall) });
        expect(call.submissionClosesAt.toISOString()).toBe(utc);
        const closes = call.submissionClosesAt.getTime();
        t.clock.set(new Date(closes - 86_400_000));
        const { api } = await member(mun.kshCode);
        const inTime = await completeDraft(api, call, mun.kshCode, 0);
        const tooLate = await completeDraft(api, call, mun.kshCode, 1);

        t.clock.set(new Date(closes - 1000));
        await api.post(`/api/applications/${inTime.id}/submit`).expect(201);
        t.clock.set(new Date(closes));
        const refused = await api.post(`/api/applications/${tooLate.id}/submit`).expect(409);
        expect(refused.body.error.message).toContain(`${shown} (budapesti idő)`);
      },
    );

    it('gives 50 concurrent submits exactly one submission, one receipt and one mail', async () => {
      const [mun] = anyMunicipalities(1);
      const call = await newCall(t.dataSource);
      t.clock.set('2026-03-01T10:00:00Z');
      const { user, api } = await member(mun.kshCode);
      const { id } = await completeDraft(api, call, mun.kshCode);
      t.clock.set('2026-03-20T08:00:00Z');

      const responses = await Promise.all(Array.from({ length: 50 }, () => api.post(`/api/applications/${id}/submit`)));
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(49);
      const digests = new Set(responses.map((r) => `${r.body.submission.number}:${r.body.submission.sha256}`));
      expect(digests.size).toBe(1);

      const audit = await auditRows(t.dataSource, id);
      expect(audit.filter((a) => a.action === 'application.submitted')).toHaveLength(1);

      // later submits answer 200 with the same submission
      const later = await api.post(`/api/applications/${id}/submit`).expect(200);
      expect(later.body.submission.sha256).toBe(responses[0].body.submission.sha256);

      // the worker renders one receipt and decides one mail, and exactly one mail arrives
      await sink.waitFor((m) => recipients(m).includes(user.email));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(sink.mails.filter((m) => recipients(m).includes(user.email))).toHaveLength(1);
      const submissions: Array<{ id: string; receipt_storage_key: string | null }> = await t.dataSource.query(
        'SELECT id, receipt_storage_key FROM application_submission WHERE application_id = $1',
        [id],
      );
      expect(submissions).toEqual([{ id: expect.any(String), receipt_storage_key: expect.any(String) }]);
      const mails: Array<{ to_address: string }> = await t.dataSource.query(
        `SELECT to_address FROM mail_message WHERE dedupe_key LIKE $1`,
        [`application-submitted:${submissions[0].id}:%`],
      );
      expect(mails).toEqual([{ to_address: user.email }]);

      // a receipt not rendered yet (its job not run) is rendered on the first download: of two at once, one is kept
      await t.dataSource.query(`UPDATE application_submission SET receipt_storage_key = NULL WHERE id = $1`, [
        submissions[0].id,
      ]);
      const downloads = await Promise.all([1, 2].map(() => api.get(`/api/applications/${id}/submissions/1/receipt`)));
      expect(downloads.map((r) => [r.status, r.headers['content-type']])).toEqual([
        [200, 'application/pdf'],
        [200, 'application/pdf'],
      ]);
      const [kept] = await t.dataSource.query<Array<{ receipt_storage_key: string | null }>>(
        'SELECT receipt_storage_key FROM application_submission WHERE id = $1',
        [submissions[0].id],
      );
      expect(kept.receipt_storage_key).toMatch(/^\d{4}\/\d{2}\//);
    });

    it('carries Hungarian text through the form, the receipt PDF and the e-mail, with a verifiable SHA-256', async () => {
      const [mun] = anyMunicipalities(1);
      const call = await newCall(t.dataSource, { questions: [{ kind: 'short_text', required: true }] });
      t.clock.set('2026-03-01T10:00:00Z');
      const { user, api } = await member(mun.kshCode, { name: 'Szűcs Ödön' });
      const colleague = await member(mun.kshCode, { language: 'en', name: 'Anna Smith' });
      const { id } = await completeDraft(api, call, mun.kshCode);
      t.clock.set('2026-03-31T21:58:59Z');
      const res = await api.post(`/api/applications/${id}/submit`).expect(201);
      const { submission, application } = res.body;
      expect(application.content.title).toBe(HUNGARIAN);

      // the digest is the SHA-256 of the canonical JSON of the content and the attachments
      const recomputed = createHash('sha256')
        .update(canonicalJson({ content: application.content, attachments: [] }), 'utf8')
        .digest('hex');
      expect(submission.sha256).toBe(recomputed);

      const receipt = await api
        .get(`/api/applications/${id}/submissions/1/receipt`)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(receipt.headers['content-type']).toBe('application/pdf');
      expect(receipt.headers['content-disposition']).toMatch(
        /^attachment; filename="?atveteli-elismerveny-[0-9a-f]{8}-1\.pdf/,
      );
      expect(receipt.headers['x-content-type-options']).toBe('nosniff');
      const text = pdfText(receipt.body as Buffer);
      for (const expected of [
        'Átvételi elismervény',
        'Legjobb Önkormányzati Gyakorlatok',
        call.titleHu,
        mun.name,
        'Társadalmi felzárkózás – szegénység elleni küzdelem',
        HUNGARIAN,
        '2026. március 31. 23:58:59',
        submission.sha256 as string,
      ]) {
        expect(text).toContain(expected);
      }

      // one mail to each approved member, in their language
      const huMail = await sink.waitFor((m) => recipients(m).includes(user.email));
      expect(huMail.subject).toBe(`Pályázatát átvettük – ${HUNGARIAN}`);
      expect(huMail.text).toContain('Tisztelt Szűcs Ödön!');
      expect(huMail.text).toContain(`A pályázat címe: ${HUNGARIAN}`);
      expect(huMail.text).toContain('Átvétel időpontja (budapesti idő): 2026. március 31. 23:58:59');
      expect(huMail.text).toContain(submission.sha256 as string);
      expect(huMail.text).toContain(`http://portal.test/api/applications/${id}/submissions/1/receipt`);
      // the receipt itself travels with the mail
      expect(huMail.attachments).toHaveLength(1);
      expect(huMail.attachments[0]).toMatchObject({
        filename: `atveteli-elismerveny-${id.slice(0, 8)}-1.pdf`,
        contentType: 'application/pdf',
      });
      expect(huMail.attachments[0].content.equals(receipt.body as Buffer)).toBe(true);
      expect(pdfText(huMail.attachments[0].content)).toContain(HUNGARIAN);
      const enMail = await sink.waitFor((m) => recipients(m).includes(colleague.user.email));
      expect(enMail.subject).toBe(`We have received your application – ${HUNGARIAN}`);
      expect(enMail.text).toContain('Received on: 31 March 2026, 23:58:59 (Budapest time)');

      // the submission is frozen: no more saves
      const frozen = await api
        .patch(`/api/applications/${id}`, { version: application.version, content: { title: 'Utólag' } })
        .expect(409);
      expect(frozen.body.error.code).toBe('APPLICATION_WRONG_STATUS');

      const audit = await auditRows(t.dataSource, id);
      expect(audit.map((a) => a.action)).toEqual(['application.created', 'application.saved', 'application.submitted']);
      expect(audit[2].changes).toMatchObject({
        status: { from: 'draft', to: 'submitted' },
        number: 1,
        sha256: submission.sha256,
        receivedAt: '2026-03-31T21:58:59.000Z',
      });
    });

    it('writes the receipt in the submitter’s language', async () => {
      const [mun] = anyMunicipalities(1);
      const call = await newCall(t.dataSource);
      t.clock.set('2026-03-01T10:00:00Z');
      const { api } = await member(mun.kshCode, { language: 'en' });
      const { id } = await completeDraft(api, call, mun.kshCode, 2);
      t.clock.set('2026-03-31T21:58:59Z');
      await api.post(`/api/applications/${id}/submit`).expect(201);
      const receipt = await api
        .get(`/api/applications/${id}/submissions/1/receipt`)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const text = pdfText(receipt.body as Buffer);
      expect(text).toContain('Receipt of submission');
      expect(text).toContain('Municipal innovations');
      expect(text).toContain('31 March 2026, 23:58:59 (Budapest time)');
      await api.get(`/api/applications/${id}/submissions/2/receipt`).expect(404);
    });

    it('lets a member withdraw until the deadline, not after', async () => {
      const [mun] = anyMunicipalities(1);
      const call = await newCall(t.dataSource);
      t.clock.set('2026-03-01T10:00:00Z');
      const { api } = await member(mun.kshCode);
      const first = await completeDraft(api, call, mun.kshCode, 0);
      const second = await completeDraft(api, call, mun.kshCode, 1);
      await api.post(`/api/applications/${first.id}/submit`).expect(201);
      await api.post(`/api/applications/${second.id}/submit`).expect(201);

      t.clock.set('2026-03-31T21:58:59Z');
      const withdrawn = await api.post(`/api/applications/${first.id}/withdraw`).expect(200);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnAt: '2026-03-31T21:58:59.000Z' });
      // a withdrawn application cannot be submitted again
      expect((await api.post(`/api/applications/${first.id}/submit`).expect(409)).body.error.code).toBe(
        'APPLICATION_WRONG_STATUS',
      );

      t.clock.set('2026-03-31T21:59:00Z');
      const late = await api.post(`/api/applications/${second.id}/withdraw`).expect(409);
      expect(late.body.error.code).toBe('APPLICATION_DEADLINE_PASSED');
      expect((await api.get(`/api/applications/${second.id}`).expect(200)).body.status).toBe('submitted');

      const audit = await auditRows(t.dataSource, first.id);
      expect(audit.at(-1)).toMatchObject({
        action: 'application.withdrawn',
        changes: { status: { from: 'submitted', to: 'withdrawn' } },
      });
    });

    it('accepts a late submission only from the municipality with a deadline extension in force', async () => {
      const [mun, other, revoked] = anyMunicipalities(3);
      const call = await newCall(t.dataSource);
      const coord = await newUser(t.dataSource, { roles: ['coordinator'] });
      const extended = budapest('2026-04-03T12:00');
      await newDeadlineExtension(t.dataSource, {
        callId: call.id,
        municipalityKsh: mun.kshCode,
        closesAt: extended,
        grantedBy: coord.id,
      });
      await newDeadlineExtension(t.dataSource, {
        callId: call.id,
        municipalityKsh: revoked.kshCode,
        closesAt: extended,
        grantedBy: coord.id,
        revoked: true,
      });
      t.clock.set('2026-03-01T10:00:00Z');
      const a = await member(mun.kshCode);
      const b = await member(other.kshCode);
      const c = await member(revoked.kshCode);
      const inTime = await completeDraft(a.api, call, mun.kshCode, 0);
      const atExtensionEnd = await completeDraft(a.api, call, mun.kshCode, 1);
      const notExtended = await completeDraft(b.api, call, other.kshCode, 0);
      const revokedOne = await completeDraft(c.api, call, revoked.kshCode, 0);

      t.clock.set('2026-04-01T09:00:00Z');
      await a.api.post(`/api/applications/${inTime.id}/submit`).expect(201);
      await b.api.post(`/api/applications/${notExtended.id}/submit`).expect(409);
      await c.api.post(`/api/applications/${revokedOne.id}/submit`).expect(409);

      t.clock.set(extended);
      const refused = await a.api.post(`/api/applications/${atExtensionEnd.id}/submit`).expect(409);
      expect(refused.body.error.message).toContain('2026. április 3. 12:00:00');
    });
  });

  describe('who may do what', () => {
    it('hides an application from another municipality’s member on every route (404), and its content leaks nowhere', async () => {
      const [mun, other] = anyMunicipalities(2);
      const call = await newCall(t.dataSource);
      t.clock.set('2026-03-01T10:00:00Z');
      const owner = await member(mun.kshCode);
      const stranger = await member(other.kshCode);
      const canary = `KANÁRI-${randomUUID()}`;
      const { id } = await completeDraft(owner.api, call, mun.kshCode, 0, canary);
      const uploaded = await owner.api
        .upload(`/api/applications/${id}/attachments`, SAMPLES.pdf, `${canary}.pdf`)
        .expect(201);
      const attachmentId = uploaded.body.id as string;
      await owner.api.post(`/api/applications/${id}/submit`).expect(201);

      const s = stranger.api;
      const responses: Array<[string, request.Response]> = [
        ['read', await s.get(`/api/applications/${id}`)],
        ['missing', await s.get(`/api/applications/${id}/missing`)],
        ['save', await s.patch(`/api/applications/${id}`, { version: 3, content: { title: 'Átvétel' } })],
        ['submit', await s.post(`/api/applications/${id}/submit`)],
        ['withdraw', await s.post(`/api/applications/${id}/withdraw`)],
        ['attachments', await s.get(`/api/applications/${id}/attachments`)],
        ['download', await s.get(`/api/applications/${id}/attachments/${attachmentId}`)],
        ['upload', await s.upload(`/api/applications/${id}/attachments`, SAMPLES.png, 'idegen.png')],
        ['remove attachment', await s.del(`/api/applications/${id}/attachments/${attachmentId}`)],
        ['receipt', await s.get(`/api/applications/${id}/submissions/1/receipt`)],
      ];
      for (const [route, res] of responses) {
        expect({ route, status: res.status }).toEqual({ route, status: 404 });
        expect(res.body.error.code).toBe('NOT_FOUND');
        expect(res.text).not.toContain(canary);
      }
      const list = await s.get('/api/applications').query({ callId: call.id }).expect(200);
      expect(list.body.total).toBe(0);
      expect(list.text).not.toContain(canary);

      // nothing changed
      const read = await owner.api.get(`/api/applications/${id}`).expect(200);
      expect(read.body).toMatchObject({ status: 'submitted', title: canary });
      expect(await submissionCount(id)).toBe(1);
    });

    it('lets coordinators read every application but not write; jurors, pending members and the anonymous see nothing', async () => {
      const [mun] = anyMunicipalities(1);
      const call = await newCall(t.dataSource);
      t.clock.set('2026-03-01T10:00:00Z');
      const owner = await member(mun.kshCode);
      const { id, version } = await completeDraft(owner.api, call, mun.kshCode);

      const read = await coordinator.get(`/api/applications/${id}`).expect(200);
      expect(read.body.title).toBe(HUNGARIAN);
      const list = await coordinator.get('/api/applications').query({ callId: call.id }).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
      await coordinator.patch(`/api/applications/${id}`, { version, content: { title: 'x' } }).expect(403);
      await coordinator.post(`/api/applications/${id}/submit`).expect(403);
      await coordinator
        .post(`/api/calls/${call.id}/applications`, { themeId: call.themes[1].id, municipalityKsh: mun.kshCode })
        .expect(403);

      await juror.get('/api/applications').expect(403);
      await juror.get(`/api/applications/${id}`).expect(404);
      await juror.post(`/api/applications/${id}/submit`).expect(404);

      const pendingUser: TestUser = await newUser(t.dataSource, {
        municipalityKsh: mun.kshCode,
        membershipStatus: 'pending',
      });
      const pending = client(await signIn(t.server, pendingUser.email, pendingUser.password));
      await pending.get(`/api/applications/${id}`).expect(404);
      await pending.post(`/api/applications/${id}/submit`).expect(404);
      const create = await pending
        .post(`/api/calls/${call.id}/applications`, { themeId: call.themes[1].id, municipalityKsh: mun.kshCode })
        .expect(403);
      expect(create.body.error.code).toBe('FORBIDDEN');
      expect((await pending.get('/api/applications').expect(200)).body.total).toBe(0);

      await request(t.server).get('/api/applications').expect(401);
      await request(t.server).get(`/api/applications/${id}`).expect(401);
      await request(t.server).get(`/api/applications/${id}/submissions/1/receipt`).expect(401);

      expect(await submissionCount(id)).toBe(0);
      expect((await owner.api.get(`/api/applications/${id}`).expect(200)).body.version).toBe(version);
    });

    it('refuses a draft for a call that is not announced, or not yet open', async () => {
      const [mun] = anyMunicipalities(1);
      const { api } = await member(mun.kshCode);
      const hidden = await newCall(t.dataSource, { announced: false });
      t.clock.set('2026-03-01T10:00:00Z');
      await api
        .post(`/api/calls/${hidden.id}/applications`, { themeId: hidden.themes[0].id, municipalityKsh: mun.kshCode })
        .expect(404);
      const future = await newCall(t.dataSource, { closesAt: budapest('2026-09-30T23:59') });
      const early = await api
        .post(`/api/calls/${future.id}/applications`, { themeId: future.themes[0].id, municipalityKsh: mun.kshCode })
        .expect(409);
      expect(early.body.error.code).toBe('SUBMISSION_NOT_OPEN');
    });
  });
});
