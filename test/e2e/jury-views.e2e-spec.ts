import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { newJuror, scoringCall, type ScoringCall, seatJurors } from '../factories/jury';
import { newUser, type TestUser } from '../factories/users';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../setup/test-app';

/**
 * What the juror's pages read: an assigned application with its extra questions' labels and
 * its partner organisations by name (GET /api/assignments/:id), and the juror's progress in
 * every round at once (GET /api/jury/progress); who may read them and what stays hidden.
 */

const NOW = new Date('2026-05-10T08:00:00Z');
const DAY = 86_400_000;

function put(who: SignedIn, url: string, body: object) {
  return who.agent.put(url).set('X-CSRF-Token', who.csrf).send(body);
}
function post(who: SignedIn, url: string, body: object = {}) {
  return who.agent.post(url).set('X-CSRF-Token', who.csrf).send(body);
}

interface ProgressBody {
  roundId: string;
  assigned: number;
  started: number;
  submitted: number;
  closesAt: string;
  state: string;
}

describe('jury views: the assigned application in full, the juror’s progress in one answer', () => {
  let t: TestApp;
  let call: ScoringCall;
  let other: ScoringCall;
  let coordinator: SignedIn;
  let jurors: TestUser[];
  let agents: SignedIn[];
  let memberIds: string[];
  let roundId: string;
  let otherRoundId: string;
  let criterionIds: string[];
  /** Assignment ids: [juror 0 → app 0, juror 0 → app 1, juror 1 → app 0, juror 2 → app 0]. */
  let assignments: string[];
  let unknownQuestionId: string;

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    call = await scoringCall(t.dataSource, {
      now: NOW,
      applications: 3,
      questions: [
        { kind: 'long_text', labelHu: 'Milyen kockázatai vannak?', labelEn: 'What are its risks?' },
        { kind: 'number', labelHu: 'Bevont önkéntesek száma', labelEn: 'Volunteers involved' },
        {
          kind: 'single_choice',
          labelHu: 'Kapott-e már díjat?',
          labelEn: 'Has it won an award?',
          choices: [
            { value: 'igen', hu: 'Igen, országosat', en: 'Yes, a national one' },
            { value: 'nem', hu: 'Még nem', en: 'Not yet' },
          ],
        },
        { kind: 'date', labelHu: 'Mikor bővült?', labelEn: 'When was it extended?' },
        { kind: 'short_text', labelHu: 'Törölt kérdés', labelEn: 'Removed question' },
      ],
      // answered out of the form's order; question 3 (date) left out
      answers: {
        0: { 4: 'Régi válasz', 2: 'igen', 0: 'Árvíz, őszi fagy.', 1: 42 },
        1: { 1: 7 },
      },
      partners: { 0: ['MFSZ', 'KSZ'] },
    });
    // a question removed after the submission keeps its label; an answer to no question of record comes last
    await t.dataSource.query(`UPDATE call_question SET removed_at = $2 WHERE id = $1`, [call.questions[4].id, NOW]);
    unknownQuestionId = randomUUID();
    await t.dataSource.query(
      `UPDATE application_submission
          SET content = jsonb_set(content, '{answers}', (content -> 'answers') || jsonb_build_object($2::text, 'Árva válasz'))
        WHERE application_id = $1`,
      [call.applications[0].id, unknownQuestionId],
    );
    other = await scoringCall(t.dataSource, { now: NOW, applications: 1 });
    coordinator = await signIn(t.server, call.coordinator.email, call.coordinator.password);
    jurors = [
      await newJuror(t.dataSource, { organisationCode: 'HOA', name: 'Kovács Őrs' }),
      await newJuror(t.dataSource, { organisationCode: 'EDEM', name: 'Lőrinc Ünige', language: 'en' }),
      await newJuror(t.dataSource, { organisationCode: 'AUT', name: 'Szűcs Ödön' }),
      // names application 0's partner: automatically in conflict with it
      await newJuror(t.dataSource, { organisationCode: 'MFSZ', name: 'Falusi Győző' }),
    ];
    memberIds = await seatJurors(t.dataSource, call.id, jurors, { addedBy: call.coordinator.id });
    agents = [];
    for (const juror of jurors) agents.push(await signIn(t.server, juror.email, juror.password));

    const round = await post(coordinator, `/api/calls/${call.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
    });
    expect(round.status).toBe(201);
    roundId = round.body.id as string;
    criterionIds = (round.body.criteria as Array<{ id: string }>).map((c) => c.id);
    assignments = [];
    for (const [member, application] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [2, 0],
    ]) {
      const res = await post(coordinator, `/api/rounds/${roundId}/assignments`, {
        applicationId: call.applications[application].id,
        juryMemberId: memberIds[member],
      });
      expect(res.status).toBe(201);
      assignments.push(res.body.id as string);
    }
    // juror 2 declares a conflict with application 0 afterwards: that assignment is excluded
    const declared = await post(agents[2], `/api/jury/calls/${call.id}/conflicts`, {
      applicationId: call.applications[0].id,
      reason: 'A polgármester a sógorom.',
    });
    expect(declared.status).toBe(201);

    // juror 0 also sits on another call's jury, with a round of its own
    const otherCoordinator = await signIn(t.server, other.coordinator.email, other.coordinator.password);
    const [otherMember] = await seatJurors(t.dataSource, other.id, [jurors[0]], { addedBy: other.coordinator.id });
    const otherRound = await post(otherCoordinator, `/api/calls/${other.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 3 * DAY).toISOString(),
    });
    expect(otherRound.status).toBe(201);
    otherRoundId = otherRound.body.id as string;
    const otherAssignment = await post(otherCoordinator, `/api/rounds/${otherRoundId}/assignments`, {
      applicationId: other.applications[0].id,
      juryMemberId: otherMember,
    });
    expect(otherAssignment.status).toBe(201);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('GET /api/assignments/:id: the application as the juror reads it', () => {
    it('gives each answer with its question’s labels, in the form’s order, and the partners by name', async () => {
      const res = await agents[0].agent.get(`/api/assignments/${assignments[0]}`);
      expect(res.status).toBe(200);
      const { answers, partnerOrganisations } = res.body.application;
      expect(answers).toEqual([
        {
          questionId: call.questions[0].id,
          position: 1,
          labelHu: 'Milyen kockázatai vannak?',
          labelEn: 'What are its risks?',
          kind: 'long_text',
          value: 'Árvíz, őszi fagy.',
          choiceHu: null,
          choiceEn: null,
        },
        expect.objectContaining({ questionId: call.questions[1].id, position: 2, kind: 'number', value: 42 }),
        expect.objectContaining({
          questionId: call.questions[2].id,
          position: 3,
          labelHu: 'Kapott-e már díjat?',
          value: 'igen',
          choiceHu: 'Igen, országosat',
          choiceEn: 'Yes, a national one',
        }),
        expect.objectContaining({ questionId: call.questions[4].id, position: 5, labelHu: 'Törölt kérdés' }),
        {
          questionId: unknownQuestionId,
          position: null,
          labelHu: null,
          labelEn: null,
          kind: null,
          value: 'Árva válasz',
          choiceHu: null,
          choiceEn: null,
        },
      ]);
      expect(partnerOrganisations).toEqual([
        { code: 'MFSZ', nameHu: 'Magyar Faluszövetség', nameEn: 'Hungarian Federation of Villages' },
        { code: 'KSZ', nameHu: 'Kisvárosok Szövetsége', nameEn: 'National Association of Small Cities' },
      ]);
      // the submitted form itself is unchanged
      expect(res.body.application.content.partnerOrganisations).toEqual(['MFSZ', 'KSZ']);

      const second = await agents[0].agent.get(`/api/assignments/${assignments[1]}`);
      expect(second.status).toBe(200);
      expect(second.body.application.answers).toEqual([
        expect.objectContaining({ questionId: call.questions[1].id, labelEn: 'Volunteers involved', value: 7 }),
      ]);
      expect(second.body.application.partnerOrganisations).toEqual([]);
      // coordinators read the same
      const managed = await coordinator.agent.get(`/api/assignments/${assignments[0]}`);
      expect(managed.status).toBe(200);
      expect(managed.body.application.answers).toHaveLength(5);
    });

    it('shows none of it to a conflicted juror, another juror, an applicant or an anonymous caller', async () => {
      // juror 2 declared a conflict: its own assignment is gone
      const conflicted = await agents[2].agent.get(`/api/assignments/${assignments[3]}`);
      expect(conflicted.status).toBe(404);
      expect(JSON.stringify(conflicted.body)).not.toMatch(/Milyen kockázatai|Faluszövetség|Árvíz/);
      // another juror of the call, assigned the same application, cannot read juror 0's assignment
      const otherJuror = await agents[1].agent.get(`/api/assignments/${assignments[0]}`);
      expect(otherJuror.status).toBe(404);
      // the partner's juror (automatic conflict) is refused as an assignee, and reads nothing
      const refused = await post(coordinator, `/api/rounds/${roundId}/assignments`, {
        applicationId: call.applications[0].id,
        juryMemberId: memberIds[3],
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('JUROR_CONFLICTED');
      expect((await agents[3].agent.get(`/api/assignments/${assignments[0]}`)).status).toBe(404);

      const applicant = await newUser(t.dataSource, {
        roles: ['applicant'],
        municipalityKsh: call.applications[0].municipalityKsh,
      });
      const staff = await signIn(t.server, applicant.email, applicant.password);
      expect((await staff.agent.get(`/api/assignments/${assignments[0]}`)).status).toBe(403);
      expect((await request(t.server).get(`/api/assignments/${assignments[0]}`)).status).toBe(401);
    });

    it('refuses an id that is no uuid with 400 naming it, in Hungarian and in English', async () => {
      const hu = await agents[0].agent.get('/api/assignments/nem-azonosito');
      expect(hu.status).toBe(400);
      expect(hu.body.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(hu.body.error.fields)).toEqual(['id']);
      const en = await agents[0].agent.get('/api/assignments/nem-azonosito').set('Accept-Language', 'en');
      expect(en.status).toBe(400);
      expect(Object.keys(en.body.error.fields)).toEqual(['id']);
      expect(hu.body.error.fields.id).toBe('Érvénytelen azonosító.');
      expect(en.body.error.fields.id).toBe('Invalid identifier.');
    });
  });

  describe('GET /api/jury/progress: the juror’s own progress in every round', () => {
    async function progressOf(agent: SignedIn): Promise<ProgressBody[]> {
      const res = await agent.agent.get('/api/jury/progress');
      expect(res.status).toBe(200);
      return res.body as ProgressBody[];
    }

    it('answers every round of the juror’s calls at once, agreeing with the per-round answer', async () => {
      expect(
        (
          await put(agents[0], `/api/assignments/${assignments[0]}/scorecard`, {
            scores: [{ criterionId: criterionIds[0], points: 6 }],
          })
        ).status,
      ).toBe(200);
      const rounds = await progressOf(agents[0]);
      // the other call's round closes first: the one closing last comes first
      expect(rounds.map((r) => r.roundId)).toEqual([roundId, otherRoundId]);
      expect(rounds[0]).toEqual({
        roundId,
        assigned: 2,
        started: 1,
        submitted: 0,
        closesAt: expect.stringMatching(/^2026-05-17T10:00:00(\.000)?\+02:00$/),
        state: 'open',
      });
      expect(rounds[1]).toMatchObject({ roundId: otherRoundId, assigned: 1, started: 0, submitted: 0, state: 'open' });
      for (const round of rounds) {
        const single = await agents[0].agent.get(`/api/jury/rounds/${round.roundId}/progress`);
        expect(single.status).toBe(200);
        expect(single.body).toEqual(round);
      }
    });

    it('counts nothing another juror or a conflict holds, and lists no round of an undeclared call', async () => {
      // juror 2's only assignment is excluded by its conflict
      expect(await progressOf(agents[2])).toEqual([
        expect.objectContaining({ roundId, assigned: 0, started: 0, submitted: 0 }),
      ]);
      // juror 1 sees its one assignment, not juror 0's draft
      expect(await progressOf(agents[1])).toEqual([
        expect.objectContaining({ roundId, assigned: 1, started: 0, submitted: 0 }),
      ]);
      // seated on the other call without accepting its declaration: that round is not listed
      await seatJurors(t.dataSource, other.id, [jurors[1]], { addedBy: other.coordinator.id, declared: false });
      expect((await progressOf(agents[1])).map((r) => r.roundId)).toEqual([roundId]);
      // a round of a jury the juror is not on is not listed either
      await t.dataSource.query(`UPDATE scoring_round SET jury_member_ids = $2::uuid[] WHERE id = $1`, [
        roundId,
        [memberIds[0], memberIds[2]],
      ]);
      try {
        expect(await progressOf(agents[1])).toEqual([]);
        expect((await progressOf(agents[0])).map((r) => r.roundId)).toEqual([roundId, otherRoundId]);
      } finally {
        await t.dataSource.query(`UPDATE scoring_round SET jury_member_ids = NULL WHERE id = $1`, [roundId]);
      }
    });

    it('is for jurors only: 403 for applicants and coordinators, 401 without a session; nothing is written', async () => {
      const [{ last }] = await t.dataSource.query<Array<{ last: string }>>(
        `SELECT coalesce(max(id), 0) AS last FROM audit_log`,
      );
      const applicant = await newUser(t.dataSource, { roles: ['applicant'] });
      const staff = await signIn(t.server, applicant.email, applicant.password);
      const byApplicant = await staff.agent.get('/api/jury/progress');
      expect(byApplicant.status).toBe(403);
      expect(byApplicant.body.error.code).toBe('FORBIDDEN');
      const byCoordinator = await coordinator.agent.get('/api/jury/progress');
      expect(byCoordinator.status).toBe(403);
      const anonymous = await request(t.server).get('/api/jury/progress');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
      // a juror of no call gets an empty list
      const lonely = await newJuror(t.dataSource, { organisationCode: 'BEVE' });
      expect(await progressOf(await signIn(t.server, lonely.email, lonely.password))).toEqual([]);
      // signing in is audited; reading progress writes nothing
      const actions = await t.dataSource.query<Array<{ action: string }>>(
        `SELECT action FROM audit_log WHERE id > $1 ORDER BY id`,
        [last],
      );
      expect(actions.filter((a) => a.action !== 'user.logged_in')).toEqual([]);
    });
  });
});
