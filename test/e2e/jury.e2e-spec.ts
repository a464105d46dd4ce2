import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { FileStorage } from '@portal/storage';
import { SAMPLES } from '../fixtures/files';
import { newJuror, scoringCall, type ScoringCall, wholeRanking } from '../factories/jury';
import { auditRows, newUser, type TestUser } from '../factories/users';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../setup/test-app';

const NOW = new Date('2026-05-10T08:00:00Z');
const DAY = 86_400_000;

type Agent = SignedIn;

function put(who: Agent, url: string, body: object) {
  return who.agent.put(url).set('X-CSRF-Token', who.csrf).send(body);
}
function post(who: Agent, url: string, body: object = {}) {
  return who.agent.post(url).set('X-CSRF-Token', who.csrf).send(body);
}

describe('jury: members, declaration, conflicts, assignment and scoring', () => {
  let t: TestApp;
  let call: ScoringCall;
  let coordinator: Agent;
  let jurors: TestUser[];
  let agents: Agent[];
  let memberIds: string[];

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    // application 0 comes from the municipality juror 0 is a member of; application 1 names TÖOSZ as partner
    call = await scoringCall(t.dataSource, { now: NOW, applications: 9, partners: { 1: ['TÖOSZ'] } });
    coordinator = await signIn(t.server, call.coordinator.email, call.coordinator.password);
    jurors = [
      await newJuror(t.dataSource, {
        organisationCode: 'BM',
        name: 'Bíró Ágnes',
        municipalityKsh: call.applications[0].municipalityKsh,
      }),
      await newJuror(t.dataSource, { organisationCode: 'TÖOSZ', name: 'Szűcs Ödön', language: 'en' }),
      await newJuror(t.dataSource, { organisationCode: 'HOA', name: 'Kovács Őrs' }),
      await newJuror(t.dataSource, { organisationCode: 'MÖSZ', name: 'Lőrinc Ünige' }),
    ];
    agents = [];
    for (const juror of jurors) agents.push(await signIn(t.server, juror.email, juror.password));
  });

  afterAll(async () => {
    await t.close();
  });

  describe('the jury of a call', () => {
    it('coordinators add jurors, optionally limited to themes; the change is audited', async () => {
      memberIds = [];
      for (const juror of jurors) {
        const res = await post(coordinator, `/api/calls/${call.id}/jury`, { userId: juror.id });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ userId: juror.id, themeIds: [], declarationAcceptedAt: null });
        memberIds.push(res.body.id as string);
      }
      expect((await auditRows(t.dataSource, call.id)).map((r) => r.action)).toContain('jury.member_added');
      const list = await coordinator.agent.get(`/api/calls/${call.id}/jury`);
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(4);
      expect(list.body.items.map((m: { organisationCode: string }) => m.organisationCode).sort()).toEqual(
        ['BM', 'HOA', 'MÖSZ', 'TÖOSZ'].sort(),
      );
    });

    it('refuses a user who is not a juror, a second seat, a theme of another call, and non-coordinators', async () => {
      const applicant = await newUser(t.dataSource, { roles: ['applicant'] });
      const notJuror = await post(coordinator, `/api/calls/${call.id}/jury`, { userId: applicant.id });
      expect(notJuror.status).toBe(422);
      expect(notJuror.body.error.code).toBe('NOT_A_JUROR');

      const again = await post(coordinator, `/api/calls/${call.id}/jury`, { userId: jurors[0].id });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('JURY_MEMBER_EXISTS');

      const other = await newJuror(t.dataSource, { organisationCode: 'OPSZ' });
      const badTheme = await post(coordinator, `/api/calls/${call.id}/jury`, {
        userId: other.id,
        themeIds: [randomUUID()],
      });
      expect(badTheme.status).toBe(400);
      expect(badTheme.body.error.fields).toHaveProperty('themeIds');

      const byJuror = await post(agents[2], `/api/calls/${call.id}/jury`, { userId: other.id });
      expect(byJuror.status).toBe(403);
      const [{ count }] = await t.dataSource.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM jury_member WHERE call_id = $1`,
        [call.id],
      );
      expect(count).toBe(4);
    });

    it('a juror sees nothing of the call before accepting the declaration', async () => {
      const calls = await agents[0].agent.get('/api/jury/calls');
      expect(calls.status).toBe(200);
      expect(calls.body).toEqual([expect.objectContaining({ callId: call.id, declarationAcceptedAt: null })]);

      const before = await agents[0].agent.get(`/api/jury/calls/${call.id}/applications`);
      expect(before.status).toBe(403);
      expect(before.body.error.code).toBe('DECLARATION_REQUIRED');

      const text = await agents[0].agent.get('/api/jury/declaration');
      expect(text.status).toBe(200);
      expect(text.body).toMatchObject({ version: 1, title: 'Titoktartási és összeférhetetlenségi nyilatkozat' });
      expect(text.body.text).toContain('összeférhetetlenség');
      const english = await agents[0].agent.get('/api/jury/declaration?lang=en');
      expect(english.body.title).toBe('Declaration of confidentiality and conflicts of interest');

      const refused = await post(agents[0], `/api/jury/calls/${call.id}/declaration`, { accept: false });
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields).toHaveProperty('accept');

      for (const agent of agents) {
        const accepted = await post(agent, `/api/jury/calls/${call.id}/declaration`, { accept: true });
        expect(accepted.status).toBe(200);
        expect(accepted.body.declarationAcceptedAt).toEqual(expect.any(String));
      }
      expect((await auditRows(t.dataSource, call.id)).map((r) => r.action)).toContain('jury.declaration_accepted');
    });

    it('a juror not on the jury finds no such call', async () => {
      const outsider = await newJuror(t.dataSource, { organisationCode: 'EDEM' });
      const who = await signIn(t.server, outsider.email, outsider.password);
      const res = await who.agent.get(`/api/jury/calls/${call.id}/applications`);
      expect(res.status).toBe(404);
      expect((await who.agent.get(`/api/calls/${call.id}/rounds`)).status).toBe(404);
    });
  });

  describe('conflicts of interest', () => {
    it('are automatic for the juror’s own municipality and for a partner organisation', async () => {
      const res = await coordinator.agent.get(`/api/calls/${call.id}/conflicts`);
      expect(res.status).toBe(200);
      const pairs = res.body.items.map((c: { juryMemberId: string; applicationId: string; source: string }) => [
        c.juryMemberId,
        c.applicationId,
        c.source,
      ]);
      expect(pairs).toEqual(
        expect.arrayContaining([
          [memberIds[0], call.applications[0].id, 'municipality'],
          [memberIds[1], call.applications[1].id, 'partner'],
        ]),
      );
      // the juror sees the application listed as a conflict, without its summary
      const list = await agents[0].agent.get(`/api/jury/calls/${call.id}/applications?pageSize=100`);
      const own = list.body.items.find((a: { applicationId: string }) => a.applicationId === call.applications[0].id);
      expect(own).toMatchObject({ conflict: 'municipality', summary: null });
      const other = list.body.items.find((a: { applicationId: string }) => a.applicationId === call.applications[2].id);
      expect(other).toMatchObject({ conflict: null, summary: 'Összefoglaló 3' });
    });

    it('a juror declares one with a reason; a coordinator sets one; both are audited', async () => {
      const noReason = await post(agents[2], `/api/jury/calls/${call.id}/conflicts`, {
        applicationId: call.applications[2].id,
        reason: '',
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.fields).toHaveProperty('reason');

      const declared = await post(agents[2], `/api/jury/calls/${call.id}/conflicts`, {
        applicationId: call.applications[2].id,
        reason: 'A polgármester a sógorom.',
      });
      expect(declared.status).toBe(201);
      expect(declared.body).toMatchObject({ source: 'declared', reason: 'A polgármester a sógorom.' });

      const set = await post(coordinator, `/api/calls/${call.id}/conflicts`, {
        juryMemberId: memberIds[3],
        applicationId: call.applications[3].id,
        reason: 'A szervezet tanácsadója volt a projektnek.',
      });
      expect(set.status).toBe(201);
      expect(set.body.source).toBe('coordinator');

      const byJuror = await post(agents[3], `/api/calls/${call.id}/conflicts`, {
        juryMemberId: memberIds[2],
        applicationId: call.applications[4].id,
        reason: 'x',
      });
      expect(byJuror.status).toBe(403);
      expect((await auditRows(t.dataSource, call.applications[2].id)).map((r) => r.action)).toContain(
        'jury.conflict_declared',
      );
      expect((await auditRows(t.dataSource, call.applications[3].id)).map((r) => r.action)).toContain(
        'jury.conflict_set',
      );
    });

    it('preferences are kept per juror and refused for an application outside the call', async () => {
      const res = await put(agents[2], `/api/jury/calls/${call.id}/preferences/${call.applications[4].id}`, {
        preference: 'keen',
      });
      expect(res.status).toBe(200);
      const bad = await put(agents[2], `/api/jury/calls/${call.id}/preferences/${call.applications[4].id}`, {
        preference: 'maybe',
      });
      expect(bad.status).toBe(400);
      const stranger = await put(agents[2], `/api/jury/calls/${call.id}/preferences/${randomUUID()}`, {
        preference: 'keen',
      });
      expect(stranger.status).toBe(400);
      expect(stranger.body.error.fields).toHaveProperty('applicationId');
    });
  });

  describe('round 1: assignment and scoring', () => {
    let roundId: string;
    let criteria: Array<{ id: string; maxPoints: number }>;
    const assignmentOf = new Map<string, string>(); // `${member}:${application}` → assignment id

    async function loadAssignments(): Promise<void> {
      const res = await coordinator.agent.get(`/api/rounds/${roundId}/assignments?pageSize=100`);
      expect(res.status).toBe(200);
      assignmentOf.clear();
      for (const a of res.body.items as Array<{ id: string; juryMemberId: string; applicationId: string }>) {
        assignmentOf.set(`${a.juryMemberId}:${a.applicationId}`, a.id);
      }
    }

    it('opens once scoring started, with the call’s criteria; jurors may not open one', async () => {
      const byJuror = await post(agents[0], `/api/calls/${call.id}/rounds`, {
        closesAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
      });
      expect(byJuror.status).toBe(403);
      await put(coordinator, `/api/calls/${call.id}/jury/settings`, { jurorsPerApplication: 2 }).expect(200);
      const res = await post(coordinator, `/api/calls/${call.id}/rounds`, {
        closesAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ number: 1, state: 'open', applications: 9 });
      expect(res.body.criteria.map((c: { nameHu: string }) => c.nameHu)).toEqual(['Hatás', 'Fenntarthatóság']);
      roundId = res.body.id as string;
      criteria = res.body.criteria as Array<{ id: string; maxPoints: number }>;
    });

    it('refuses a conflicted juror as a manual assignee, storing nothing', async () => {
      const res = await post(coordinator, `/api/rounds/${roundId}/assignments`, {
        applicationId: call.applications[0].id,
        juryMemberId: memberIds[0],
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('JUROR_CONFLICTED');
      const partner = await post(coordinator, `/api/rounds/${roundId}/assignments`, {
        applicationId: call.applications[1].id,
        juryMemberId: memberIds[1],
      });
      expect(partner.status).toBe(409);
      const [{ count }] = await t.dataSource.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM assignment WHERE round_id = $1`,
        [roundId],
      );
      expect(count).toBe(0);
    });

    it('assigns automatically: k conflict-free jurors per application, loads within one', async () => {
      const res = await post(coordinator, `/api/rounds/${roundId}/auto-assign`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ jurorsPerApplication: 2, created: 18, shortfalls: [] });
      expect(res.body.loadSpread).toBeLessThanOrEqual(1);
      await loadAssignments();
      expect(assignmentOf.size).toBe(18);
      const conflicted = [
        `${memberIds[0]}:${call.applications[0].id}`,
        `${memberIds[1]}:${call.applications[1].id}`,
        `${memberIds[2]}:${call.applications[2].id}`,
        `${memberIds[3]}:${call.applications[3].id}`,
      ];
      for (const key of conflicted) expect(assignmentOf.has(key)).toBe(false);
      // the keen preference was honoured
      expect(assignmentOf.has(`${memberIds[2]}:${call.applications[4].id}`)).toBe(true);
    });

    it('a conflicted juror cannot read the application, its attachments or its scores, nor score it', async () => {
      // juror 1 represents TÖOSZ, which application 1 names as partner
      const app1 = call.applications[1].id;
      const someone = [...assignmentOf.entries()].find(([key]) => key.endsWith(`:${app1}`));
      expect(someone).toBeDefined();
      const otherAssignment = someone![1];
      const juror = agents[1];
      expect((await juror.agent.get(`/api/applications/${app1}`)).status).toBe(404);
      expect((await juror.agent.get(`/api/applications/${app1}/attachments/${randomUUID()}`)).status).toBe(404);
      expect((await juror.agent.get(`/api/assignments/${otherAssignment}`)).status).toBe(404);
      expect((await juror.agent.get(`/api/assignments/${otherAssignment}/scores`)).status).toBe(404);
      expect((await juror.agent.get(`/api/assignments/${otherAssignment}/attachments/${randomUUID()}`)).status).toBe(
        404,
      );
      const save = await put(juror, `/api/assignments/${otherAssignment}/scorecard`, {
        scores: [{ criterionId: criteria[0].id, points: 3 }],
      });
      expect(save.status).toBe(404);
      const [{ count }] = await t.dataSource.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM score WHERE assignment_id = $1`,
        [otherAssignment],
      );
      expect(count).toBe(0);
      // and the application is not in their list
      const mine = await juror.agent.get(`/api/jury/assignments?pageSize=100`);
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((a: { applicationId: string }) => a.applicationId)).not.toContain(app1);
    });

    it('an assigned juror downloads the files of the submitted version, and only those', async () => {
      const [key, assignmentId] = [...assignmentOf.entries()].find(([k]) => k.startsWith(`${memberIds[2]}:`))!;
      const applicationId = key.split(':')[1];
      const storage = t.app.get(FileStorage);
      const attach = async (name: string) => {
        const stored = await storage.put(SAMPLES.pdf);
        const [row] = await t.dataSource.query<Array<{ id: string }>>(
          `INSERT INTO application_attachment (application_id, storage_key, display_name, kind, mime, size_bytes, sha256, uploaded_by)
           VALUES ($1, $2, $3, 'pdf', 'application/pdf', $4, $5, $6) RETURNING id`,
          [applicationId, stored.key, name, stored.size, stored.sha256, call.coordinator.id],
        );
        return { id: row.id, displayName: name, kind: 'pdf', sizeBytes: stored.size, sha256: stored.sha256 };
      };
      const submitted = await attach('Költségvetés – őszi ütemezés.pdf');
      const draftOnly = await attach('Piszkozat.pdf');
      await t.dataSource.query(
        `UPDATE application_submission SET attachments = $2::jsonb WHERE application_id = $1 AND number = 1`,
        [applicationId, JSON.stringify([submitted])],
      );
      const detail = await agents[2].agent.get(`/api/assignments/${assignmentId}`);
      expect(detail.status).toBe(200);
      expect(detail.body.application.attachments).toEqual([expect.objectContaining({ id: submitted.id })]);
      const file = await agents[2].agent.get(`/api/assignments/${assignmentId}/attachments/${submitted.id}`);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toContain("filename*=UTF-8''");
      expect(Buffer.from(file.body as Buffer).equals(SAMPLES.pdf)).toBe(true);
      const notSubmitted = await agents[2].agent.get(`/api/assignments/${assignmentId}/attachments/${draftOnly.id}`);
      expect(notSubmitted.status).toBe(404);
      // another juror of the call, not assigned to it, gets nothing
      const stranger = agents.findIndex((_, i) => !assignmentOf.has(`${memberIds[i]}:${applicationId}`));
      expect(stranger).toBeGreaterThanOrEqual(0);
      const res = await agents[stranger].agent.get(`/api/assignments/${assignmentId}/attachments/${submitted.id}`);
      expect(res.status).toBe(404);
    });

    it('refuses bad scores with 400 naming the field, in the caller’s language, and stores nothing', async () => {
      const juror = agents[2];
      const [key, assignmentId] = [...assignmentOf.entries()].find(([k]) => k.startsWith(`${memberIds[2]}:`))!;
      expect(key).toBeDefined();
      const other = await scoringCall(t.dataSource, { now: NOW, applications: 1 });
      const [foreignRound] = await t.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO scoring_round (call_id, number, name_hu, name_en, opens_at, closes_at, created_by)
         VALUES ($1, 1, '1. forduló', 'Round 1', $2, $3, $4) RETURNING id`,
        [other.id, NOW, new Date(NOW.getTime() + DAY), other.coordinator.id],
      );
      const [foreignCriterion] = await t.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO round_criterion (round_id, position, name_hu, name_en, weight, max_points)
         VALUES ($1, 1, 'Más', 'Other', 1, 10) RETURNING id`,
        [foreignRound.id],
      );
      const cases: Array<[object, string]> = [
        [{ scores: [{ criterionId: criteria[0].id, points: 11 }] }, 'scores.0.points'],
        [{ scores: [{ criterionId: criteria[0].id, points: -1 }] }, 'scores.0.points'],
        [{ scores: [{ criterionId: criteria[0].id, points: 7.5 }] }, 'scores.0.points'],
        [{ scores: [{ criterionId: foreignCriterion.id, points: 3 }] }, 'scores.0.criterionId'],
        [
          { scores: [{ criterionId: criteria[0].id, points: 3, abstainReason: 'nem tudom' }] },
          'scores.0.abstainReason',
        ],
        [{ scores: [{ criterionId: criteria[0].id, points: '3' }] }, 'scores.0.points'],
        [{ scores: [{ criterionId: criteria[0].id, points: 3 }], bonus: 5 }, 'bonus'],
        [{ scores: [{ criterionId: criteria[0].id, points: 3, weight: 9 }] }, 'scores.0.weight'],
      ];
      for (const [body, field] of cases) {
        const res = await put(juror, `/api/assignments/${assignmentId}/scorecard`, body);
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(Object.keys(res.body.error?.fields ?? {})).toContain(field);
      }
      const english = await juror.agent
        .put(`/api/assignments/${assignmentId}/scorecard?lang=en`)
        .set('X-CSRF-Token', juror.csrf)
        .send({ scores: [{ criterionId: criteria[0].id, points: 11 }] });
      expect(english.body.error.fields['scores.0.points']).toMatch(/At most 10 points/);
      const hungarian = await put(juror, `/api/assignments/${assignmentId}/scorecard`, {
        scores: [{ criterionId: criteria[0].id, points: 11 }],
      });
      expect(hungarian.body.error.fields['scores.0.points']).toMatch(/Legfeljebb 10 pont/);
      const [{ count }] = await t.dataSource.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM score WHERE assignment_id = $1`,
        [assignmentId],
      );
      expect(count).toBe(0);
      const [row] = await t.dataSource.query<Array<{ status: string; version: number }>>(
        `SELECT status, version FROM assignment WHERE id = $1`,
        [assignmentId],
      );
      expect(row).toEqual({ status: 'assigned', version: 1 });
    });

    it('saves each score given and keeps what a save leaves out (points and abstention replace each other)', async () => {
      const juror = agents[2];
      const [, assignmentId] = [...assignmentOf.entries()].find(([k]) => k.startsWith(`${memberIds[2]}:`))!;
      const save = async (scores: object[]) => {
        const res = await put(juror, `/api/assignments/${assignmentId}/scorecard`, { scores });
        expect(res.status).toBe(200);
        return res.body.scores as Array<{
          criterionId: string;
          points: number | null;
          abstainReason: string | null;
          note: string | null;
        }>;
      };
      const [first, second] = [criteria[0].id, criteria[1].id];
      const of = (scores: Awaited<ReturnType<typeof save>>, id: string) => scores.find((x) => x.criterionId === id);
      let scores = await save([
        { criterionId: first, points: 6, note: 'Első megjegyzés – ő, ű' },
        { criterionId: second, abstainReason: 'Nincs rálátásom.' },
      ]);
      expect(of(scores, first)).toEqual({
        criterionId: first,
        points: 6,
        abstainReason: null,
        note: 'Első megjegyzés – ő, ű',
      });
      expect(of(scores, second)).toEqual({
        criterionId: second,
        points: null,
        abstainReason: 'Nincs rálátásom.',
        note: null,
      });
      // a note alone: the points stay; points on an abstained criterion: the abstention goes
      scores = await save([
        { criterionId: first, note: 'Második' },
        { criterionId: second, points: 4 },
      ]);
      expect(of(scores, first)).toEqual({ criterionId: first, points: 6, abstainReason: null, note: 'Második' });
      expect(of(scores, second)).toEqual({ criterionId: second, points: 4, abstainReason: null, note: null });
      // an abstention on a scored criterion: the points go, the note stays
      scores = await save([{ criterionId: first, abstainReason: 'Mégsem tudom megítélni.' }]);
      expect(of(scores, first)).toEqual({
        criterionId: first,
        points: null,
        abstainReason: 'Mégsem tudom megítélni.',
        note: 'Második',
      });
      expect(of(scores, second)).toEqual({ criterionId: second, points: 4, abstainReason: null, note: null });
      // null clears: back to nothing scored (the tests below start from here)
      scores = await save([
        { criterionId: first, abstainReason: null, note: null },
        { criterionId: second, points: null },
      ]);
      expect(scores.map((x) => [x.points, x.abstainReason, x.note])).toEqual([
        [null, null, null],
        [null, null, null],
      ]);
      const [row] = await t.dataSource.query<Array<{ status: string; version: number }>>(
        `SELECT status, version FROM assignment WHERE id = $1`,
        [assignmentId],
      );
      expect(row).toEqual({ status: 'draft', version: 5 });
    });

    it('saves drafts, submits only a complete scorecard, and never shows another juror’s scores before the close', async () => {
      // an application scored by juror 2 and juror 3 both (assigned by hand when the plan did not pair them)
      let shared = call.applications
        .map((a) => a.id)
        .find((id) => assignmentOf.has(`${memberIds[2]}:${id}`) && assignmentOf.has(`${memberIds[3]}:${id}`));
      if (!shared) {
        shared = call.applications
          .map((a) => a.id)
          .find((id) => id !== call.applications[3].id && assignmentOf.has(`${memberIds[2]}:${id}`))!;
        await post(coordinator, `/api/rounds/${roundId}/assignments`, {
          applicationId: shared,
          juryMemberId: memberIds[3],
        }).expect(201);
        await loadAssignments();
      }
      const mineId = assignmentOf.get(`${memberIds[2]}:${shared}`)!;
      const theirsId = assignmentOf.get(`${memberIds[3]}:${shared}`)!;
      const canary = `KANÁRI-${randomUUID()}`;

      const draft = await put(agents[3], `/api/assignments/${theirsId}/scorecard`, {
        scores: [{ criterionId: criteria[0].id, points: 9, note: `${canary}-note` }],
        privateNote: `${canary}-private`,
        feedback: `${canary}-feedback`,
      });
      expect(draft.status).toBe(200);
      expect(draft.body).toMatchObject({ status: 'draft', missing: [criteria[1].id] });
      const incomplete = await put(agents[3], `/api/assignments/${theirsId}/scorecard`, { submit: true });
      expect(incomplete.status).toBe(422);
      expect(incomplete.body.error.code).toBe('SCORECARD_INCOMPLETE');
      const submitted = await put(agents[3], `/api/assignments/${theirsId}/scorecard`, {
        scores: [{ criterionId: criteria[1].id, abstainReason: 'Nincs rálátásom a költségekre.' }],
        submit: true,
      });
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', missing: [] });

      await put(agents[2], `/api/assignments/${mineId}/scorecard`, {
        scores: [
          { criterionId: criteria[0].id, points: 5 },
          { criterionId: criteria[1].id, points: 4 },
        ],
        submit: true,
      }).expect(200);

      // before the close: nothing of juror 3 anywhere in juror 2's responses
      const responses = [
        await agents[2].agent.get(`/api/assignments/${mineId}`),
        await agents[2].agent.get(`/api/jury/assignments?pageSize=100`),
        await agents[2].agent.get(`/api/rounds/${roundId}`),
        await agents[2].agent.get(`/api/jury/rounds/${roundId}/progress`),
      ];
      for (const res of responses) {
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body)).not.toContain(canary);
        expect(JSON.stringify(res.body)).not.toContain('"points":9');
      }
      const sealed = await agents[2].agent.get(`/api/assignments/${mineId}/scores`);
      expect(sealed.status).toBe(403);
      expect(sealed.body.error.code).toBe('SCORES_SEALED');
      expect(JSON.stringify(sealed.body)).not.toContain(canary);
      const ranking = await agents[2].agent.get(`/api/rounds/${roundId}/ranking`);
      expect(ranking.status).toBe(403);
      // coordinators see progress and scores at any time
      const progress = await coordinator.agent.get(`/api/rounds/${roundId}/progress/jurors`);
      expect(progress.status).toBe(200);
      const three = progress.body.items.find((p: { juryMemberId: string }) => p.juryMemberId === memberIds[3]);
      expect(three.submitted).toBe(1);
      const apps = await coordinator.agent.get(`/api/rounds/${roundId}/progress/applications?pageSize=100`);
      expect(apps.body.total).toBe(9);
      expect(apps.body.items.find((p: { applicationId: string }) => p.applicationId === shared)).toMatchObject({
        needed: 2,
        submitted: 2,
      });
      const own = await agents[2].agent.get(`/api/jury/rounds/${roundId}/progress`);
      expect(own.body).toMatchObject({ submitted: 1, state: 'open' });

      // a conflict declared after scoring: the scorecard is kept, excluded, audited; the juror loses access
      const late = call.applications
        .map((a) => a.id)
        .find((id) => id !== shared && assignmentOf.has(`${memberIds[3]}:${id}`))!;
      const lateId = assignmentOf.get(`${memberIds[3]}:${late}`)!;
      await put(agents[3], `/api/assignments/${lateId}/scorecard`, {
        scores: [
          { criterionId: criteria[0].id, points: 10 },
          { criterionId: criteria[1].id, points: 5 },
        ],
        submit: true,
      }).expect(200);
      await post(agents[3], `/api/jury/calls/${call.id}/conflicts`, {
        applicationId: late,
        reason: 'Utólag derült ki: a lányom dolgozik a projektben.',
      }).expect(201);
      const [kept] = await t.dataSource.query<Array<{ status: string; excluded_at: Date | null }>>(
        `SELECT status, excluded_at FROM assignment WHERE id = $1`,
        [lateId],
      );
      expect(kept.status).toBe('submitted');
      expect(kept.excluded_at).not.toBeNull();
      const audit = (await auditRows(t.dataSource, late)).find(
        (r) => r.action === 'jury.conflict_declared' && r.changes.juryMemberId === memberIds[3],
      );
      expect(audit?.changes.scorecardsExcluded).toEqual([expect.objectContaining({ assignmentId: lateId })]);
      expect((await agents[3].agent.get(`/api/assignments/${lateId}`)).status).toBe(404);
      const lateSave = await put(agents[3], `/api/assignments/${lateId}/scorecard`, {
        scores: [{ criterionId: criteria[0].id, points: 1 }],
      });
      expect(lateSave.status).toBe(404);

      // the close: from now on juror 2 sees the other scores of the shared application
      await post(coordinator, `/api/rounds/${roundId}/close`).expect(200);
      const afterSave = await put(agents[2], `/api/assignments/${mineId}/scorecard`, {
        scores: [{ criterionId: criteria[0].id, points: 1 }],
      });
      expect(afterSave.status).toBe(409);
      expect(afterSave.body.error.code).toBe('ROUND_NOT_OPEN');
      const panel = await agents[2].agent.get(`/api/assignments/${mineId}/scores`);
      expect(panel.status).toBe(200);
      expect(JSON.stringify(panel.body)).toContain(`${canary}-private`);
      expect(panel.body).toHaveLength(2);
      const open = await wholeRanking(agents[2].agent, roundId);
      const sharedRow = open.find((r: { applicationId: string }) => r.applicationId === shared);
      // juror 3: Hatás 9 × 2 of 10 × 2, Fenntarthatóság abstained: 90; juror 2: (5 × 2 + 4) of (20 + 5): 56
      expect(sharedRow).toMatchObject({ jurors: 2, score: 73, totals: [56, 90] });
      const lateRow = open.find((r: { applicationId: string }) => r.applicationId === late);
      expect(lateRow?.jurors ?? 0).toBe(0);
      // the juror in conflict with application 0 sees no row of it even after the close
      const forConflicted = await wholeRanking(agents[0].agent, roundId);
      expect(forConflicted.length).toBeGreaterThan(0);
      expect(forConflicted.map((r) => r.applicationId)).not.toContain(call.applications[0].id);
      expect((await auditRows(t.dataSource, roundId)).map((r) => r.action)).toEqual(
        expect.arrayContaining(['round.created', 'round.auto_assigned', 'round.closed']),
      );
    });

    it('shortlists exactly the chosen applications into round 2, with its own criteria and jury', async () => {
      // two applications neither juror of round 2 is in conflict with
      const conflicts = await coordinator.agent.get(`/api/calls/${call.id}/conflicts?pageSize=100`);
      const blocked = new Set(
        (conflicts.body.items as Array<{ juryMemberId: string; applicationId: string }>)
          .filter((c) => c.juryMemberId === memberIds[2] || c.juryMemberId === memberIds[3])
          .map((c) => c.applicationId),
      );
      const chosen = call.applications
        .map((a) => a.id)
        .filter((id) => !blocked.has(id))
        .slice(0, 2);
      expect(chosen).toHaveLength(2);
      const notChosen = call.applications.find((a) => !chosen.includes(a.id))!.id;
      const missingShortlist = await post(coordinator, `/api/calls/${call.id}/rounds`, {
        closesAt: new Date(NOW.getTime() + 20 * DAY).toISOString(),
      });
      expect(missingShortlist.status).toBe(400);
      expect(missingShortlist.body.error.fields).toHaveProperty('shortlist');
      const foreign = await post(coordinator, `/api/calls/${call.id}/rounds`, {
        closesAt: new Date(NOW.getTime() + 20 * DAY).toISOString(),
        shortlist: { applicationIds: [randomUUID()] },
      });
      expect(foreign.status).toBe(400);

      const res = await post(coordinator, `/api/calls/${call.id}/rounds`, {
        nameHu: '2. forduló – helyszíni látogatás',
        nameEn: 'Round 2 – site visits',
        closesAt: new Date(NOW.getTime() + 20 * DAY).toISOString(),
        juryMemberIds: [memberIds[2], memberIds[3]],
        criteria: [{ nameHu: 'Bemutatás', nameEn: 'Presentation', weight: 1, maxPoints: 20 }],
        shortlist: { applicationIds: chosen },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        number: 2,
        applications: 2,
        juryMemberIds: [memberIds[2], memberIds[3]].sort(),
      });
      expect(res.body.criteria).toEqual([expect.objectContaining({ nameEn: 'Presentation', maxPoints: 20 })]);
      const entries = await t.dataSource.query<Array<{ application_id: string }>>(
        `SELECT application_id FROM round_application WHERE round_id = $1 ORDER BY application_id`,
        [res.body.id],
      );
      expect(entries.map((e) => e.application_id)).toEqual([...chosen].sort());
      const assign = await post(coordinator, `/api/rounds/${res.body.id}/auto-assign`);
      expect(assign.status).toBe(200);
      // two jurors, two applications, k = 2: both score both
      expect(assign.body).toMatchObject({ created: 4, shortfalls: [] });
      const outsider = await post(coordinator, `/api/rounds/${res.body.id}/assignments`, {
        applicationId: notChosen,
        juryMemberId: memberIds[2],
      });
      expect(outsider.status).toBe(422);
      expect(outsider.body.error.code).toBe('NOT_IN_ROUND');
      // a juror outside round 2's jury does not see it
      expect((await agents[0].agent.get(`/api/rounds/${res.body.id}`)).status).toBe(404);
      expect((await agents[2].agent.get(`/api/rounds/${res.body.id}`)).status).toBe(200);
    });

    it('applicants and strangers reach none of it', async () => {
      const applicant = await newUser(t.dataSource, {
        roles: ['applicant'],
        municipalityKsh: call.applications[5].municipalityKsh,
      });
      const who = await signIn(t.server, applicant.email, applicant.password);
      const anyAssignment = [...assignmentOf.values()][0];
      expect((await who.agent.get(`/api/rounds/${roundId}`)).status).toBe(403);
      expect((await who.agent.get(`/api/assignments/${anyAssignment}`)).status).toBe(403);
      expect((await who.agent.get(`/api/jury/assignments`)).status).toBe(403);
      expect((await who.agent.get(`/api/calls/${call.id}/jury`)).status).toBe(403);
      expect((await request(t.server).get(`/api/assignments/${anyAssignment}`)).status).toBe(401);
      expect((await request(t.server).get(`/api/rounds/${roundId}/ranking`)).status).toBe(401);
    });
  });
});
