import request from 'supertest';
import { newCall } from '../factories/calls';
import { newJuror, scoringCall, type ScoringCall, seatJurors, wholeRanking } from '../factories/jury';
import { auditRows, type TestUser } from '../factories/users';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../setup/test-app';

const NOW = new Date('2026-03-20T10:00:00Z');
const DAY = 86_400_000;

function put(who: SignedIn, url: string, body: object) {
  return who.agent.put(url).set('X-CSRF-Token', who.csrf).send(body);
}
function post(who: SignedIn, url: string, body: object = {}) {
  return who.agent.post(url).set('X-CSRF-Token', who.csrf).send(body);
}

async function scoreCount(t: TestApp, assignmentId: string): Promise<number> {
  const [{ n }] = await t.dataSource.query<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM score WHERE assignment_id = $1`,
    [assignmentId],
  );
  return n;
}

describe('jury rules: steps, deadlines, versions, removals, shortlists', () => {
  let t: TestApp;
  let call: ScoringCall;
  let jurors: TestUser[];
  let agents: SignedIn[];
  let coordinator: SignedIn;
  let memberIds: string[];
  let roundId: string;
  let criteria: Array<{ id: string }>;
  // the round closes on the last Sunday of March at 23:59 Budapest time, after the clocks went forward
  const CLOSES = new Date('2026-03-29T21:59:00Z');

  async function mine(index: number): Promise<Array<{ id: string; applicationId: string; themeId: string }>> {
    const res = await agents[index].agent.get(`/api/jury/assignments?roundId=${roundId}&pageSize=100`);
    expect(res.status).toBe(200);
    return res.body.items as Array<{ id: string; applicationId: string; themeId: string }>;
  }

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    call = await scoringCall(t.dataSource, { now: NOW, applications: 6 });
    jurors = [];
    for (let i = 0; i < 3; i++)
      jurors.push(await newJuror(t.dataSource, { organisationCode: 'BM', name: `Bíráló ${i}` }));
    memberIds = await seatJurors(t.dataSource, call.id, jurors, { addedBy: call.coordinator.id });
    coordinator = await signIn(t.server, call.coordinator.email, call.coordinator.password);
    agents = [];
    for (const juror of jurors) agents.push(await signIn(t.server, juror.email, juror.password));
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  it('keeps the coordinators’ round routes from jurors: 403, nothing changed', async () => {
    const round = await post(coordinator, `/api/calls/${call.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 5 * DAY).toISOString(),
    });
    expect(round.status).toBe(201);
    const id = round.body.id as string;
    const juror = agents[0];
    const refused = [
      await juror.agent.patch(`/api/rounds/${id}`).set('X-CSRF-Token', juror.csrf).send({ nameHu: 'Átnevezve' }),
      await post(juror, `/api/rounds/${id}/close`),
      await post(juror, `/api/rounds/${id}/auto-assign`),
      await post(juror, `/api/rounds/${id}/assignments`, {
        applicationId: call.applications[0].id,
        juryMemberId: memberIds[0],
      }),
      await juror.agent.get(`/api/rounds/${id}/assignments`),
      await juror.agent.get(`/api/rounds/${id}/progress/jurors`),
      await juror.agent.get(`/api/rounds/${id}/progress/applications`),
      await juror.agent.get(`/api/rounds/${id}/sensitivity`),
      await juror.agent.get(`/api/calls/${call.id}/jury`),
      await juror.agent.get(`/api/calls/${call.id}/jury/settings`),
      await put(juror, `/api/calls/${call.id}/jury/settings`, { jurorsPerApplication: 1 }),
      await juror.agent.get(`/api/calls/${call.id}/conflicts`),
    ];
    expect(refused.map((res) => res.status)).toEqual(refused.map(() => 403));
    const [row] = await t.dataSource.query<Array<{ name_hu: string; closed_at: Date | null; n: number }>>(
      `SELECT r.name_hu, r.closed_at, (SELECT count(*)::int FROM assignment WHERE round_id = r.id) AS n
         FROM scoring_round r WHERE r.id = $1`,
      [id],
    );
    expect(row).toEqual({ name_hu: '1. forduló', closed_at: null, n: 0 });
    // bad input from a coordinator: 400 naming the field, nothing saved
    const bad = await coordinator.agent
      .patch(`/api/rounds/${id}`)
      .set('X-CSRF-Token', coordinator.csrf)
      .send({ closesAt: 'holnap' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('closesAt');
    const badTop = await coordinator.agent.get(`/api/rounds/${id}/sensitivity?top=0`);
    expect(badTop.status).toBe(400);
    // this round is only for these checks: remove it so the tests below open their own round 1
    await t.dataSource.query(`DELETE FROM scoring_round WHERE id = $1`, [id]);
  });

  it('shows a draft call’s scoring rules to nobody', async () => {
    const draft = await newCall(t.dataSource, { closesAt: new Date(NOW.getTime() + 10 * DAY), announced: false });
    expect((await request(t.server).get(`/api/public/calls/${draft.id}/scoring-rules`)).status).toBe(404);
  });

  it('opens no round before scoring started', async () => {
    const open = await newCall(t.dataSource, { closesAt: new Date(NOW.getTime() + 10 * DAY) });
    const res = await post(coordinator, `/api/calls/${open.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 30 * DAY).toISOString(),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CALL_WRONG_STATUS');
  });

  it('scores in half points when the call says so; the step is fixed once a score is saved', async () => {
    await put(coordinator, `/api/calls/${call.id}/jury/settings`, { scoreStep: 0.5, jurorsPerApplication: 2 }).expect(
      200,
    );
    const round = await post(coordinator, `/api/calls/${call.id}/rounds`, { closesAt: '2026-03-29T23:59' });
    expect(round.status).toBe(201);
    expect(round.body.closesAt).toBe('2026-03-29T23:59:00+02:00');
    roundId = round.body.id as string;
    criteria = round.body.criteria as Array<{ id: string }>;
    await post(coordinator, `/api/rounds/${roundId}/auto-assign`).expect(200);
    const [first] = await mine(0);
    const half = await put(agents[0], `/api/assignments/${first.id}/scorecard`, {
      scores: [{ criterionId: criteria[0].id, points: 7.5 }],
    });
    expect(half.status).toBe(200);
    expect(half.body.scores).toEqual([expect.objectContaining({ criterionId: criteria[0].id, points: 7.5 })]);
    const quarter = await put(agents[0], `/api/assignments/${first.id}/scorecard`, {
      scores: [{ criterionId: criteria[0].id, points: 7.25 }],
    });
    expect(quarter.status).toBe(400);
    const locked = await put(coordinator, `/api/calls/${call.id}/jury/settings`, { scoreStep: 1 });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('JURY_SETTINGS_LOCKED');
    expect((await coordinator.agent.get(`/api/calls/${call.id}/jury/settings`)).body).toMatchObject({ scoreStep: 0.5 });
  });

  it('refuses a save made on a stale version', async () => {
    const [first] = await mine(0);
    const detail = await agents[0].agent.get(`/api/assignments/${first.id}`);
    const version = detail.body.scorecard.version as number;
    await put(agents[0], `/api/assignments/${first.id}/scorecard`, { version, feedback: 'Példaértékű.' }).expect(200);
    const stale = await put(agents[0], `/api/assignments/${first.id}/scorecard`, { version, feedback: 'Régi.' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: version + 1 });
  });

  it('does not take back a scored assignment; an unscored one goes, audited', async () => {
    const [scored] = await mine(0);
    const refused = await coordinator.agent
      .delete(`/api/assignments/${scored.id}`)
      .set('X-CSRF-Token', coordinator.csrf);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ASSIGNMENT_SCORED');
    const [unscored] = await mine(1);
    await coordinator.agent.delete(`/api/assignments/${unscored.id}`).set('X-CSRF-Token', coordinator.csrf).expect(204);
    expect((await auditRows(t.dataSource, unscored.id)).map((r) => r.action)).toEqual(['assignment.removed']);
    expect((await agents[1].agent.get(`/api/assignments/${unscored.id}`)).status).toBe(404);
    // the next automatic run fills the gap again
    const rerun = await post(coordinator, `/api/rounds/${roundId}/auto-assign`);
    expect(rerun.body.shortfalls).toEqual([]);
  });

  it('takes the round’s closing instant as closed (after a change of clocks): a millisecond before is in time, the instant itself is late', async () => {
    const [, second] = await mine(2);
    t.clock.set(new Date(CLOSES.getTime() - 1));
    const inTime = await put(agents[2], `/api/assignments/${second.id}/scorecard`, {
      scores: [{ criterionId: criteria[0].id, points: 3 }],
    });
    expect(inTime.status).toBe(200);
    t.clock.set(CLOSES);
    const late = await put(agents[2], `/api/assignments/${second.id}/scorecard`, {
      scores: [{ criterionId: criteria[1].id, points: 2 }],
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ROUND_NOT_OPEN');
    expect(late.body.error.message).toContain('2026-03-29T23:59:00+02:00');
    expect(await scoreCount(t, second.id)).toBe(1);
    t.clock.set(NOW);
  });

  it('refuses saves before a round opens', async () => {
    const other = await scoringCall(t.dataSource, { now: NOW, applications: 1 });
    const [member] = await seatJurors(t.dataSource, other.id, [jurors[0]], { addedBy: other.coordinator.id });
    const who = await signIn(t.server, other.coordinator.email, other.coordinator.password);
    const round = await post(who, `/api/calls/${other.id}/rounds`, {
      opensAt: new Date(NOW.getTime() + DAY).toISOString(),
      closesAt: new Date(NOW.getTime() + 10 * DAY).toISOString(),
    });
    expect(round.body.state).toBe('upcoming');
    const assigned = await post(who, `/api/rounds/${round.body.id}/assignments`, {
      applicationId: other.applications[0].id,
      juryMemberId: member,
    });
    expect(assigned.status).toBe(201);
    const early = await put(agents[0], `/api/assignments/${assigned.body.id}/scorecard`, {
      scores: [{ criterionId: round.body.criteria[0].id, points: 3 }],
    });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('ROUND_NOT_OPEN');
    expect(await scoreCount(t, assigned.body.id as string)).toBe(0);
  });

  it('removing a juror takes their unscored assignments and their access', async () => {
    const before = await mine(1);
    expect(before.length).toBeGreaterThan(0);
    await coordinator.agent
      .delete(`/api/calls/${call.id}/jury/${memberIds[1]}`)
      .set('X-CSRF-Token', coordinator.csrf)
      .expect(204);
    const [{ left }] = await t.dataSource.query<Array<{ left: number }>>(
      `SELECT count(*)::int AS left FROM assignment WHERE jury_member_id = $1`,
      [memberIds[1]],
    );
    expect(left).toBe(0);
    expect((await agents[1].agent.get(`/api/assignments/${before[0].id}`)).status).toBe(404);
    expect((await agents[1].agent.get(`/api/jury/calls`)).body).toEqual([]);
  });

  it('shortlists the best n of each theme into the next round', async () => {
    // jurors 0 and 2 score everything they have, then the round closes
    await post(coordinator, `/api/rounds/${roundId}/auto-assign`).expect(200);
    for (const index of [0, 2]) {
      for (const assignment of await mine(index)) {
        const points = (call.applications.findIndex((a) => a.id === assignment.applicationId) % 6) + 1;
        await put(agents[index], `/api/assignments/${assignment.id}/scorecard`, {
          scores: criteria.map((c) => ({ criterionId: c.id, points: Math.min(points, 5) })),
          submit: true,
        }).expect(200);
      }
    }
    await post(coordinator, `/api/rounds/${roundId}/close`).expect(200);
    const best = (await wholeRanking(coordinator.agent, roundId))
      .filter((r) => r.rank === 1)
      .map((r) => r.applicationId)
      .sort();
    expect(best.length).toBeGreaterThanOrEqual(3);
    const next = await post(coordinator, `/api/calls/${call.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 30 * DAY).toISOString(),
      shortlist: { topPerTheme: 1 },
    });
    expect(next.status).toBe(201);
    const entries = await t.dataSource.query<Array<{ application_id: string }>>(
      `SELECT application_id FROM round_application WHERE round_id = $1 ORDER BY application_id`,
      [next.body.id],
    );
    expect(entries.map((e) => e.application_id)).toEqual(best);
    const both = await post(coordinator, `/api/calls/${call.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 40 * DAY).toISOString(),
      shortlist: { topPerTheme: 1, applicationIds: best },
    });
    expect(both.status).toBe(409); // round 2 is still open: no round 3 yet
  });

  describe('what a juror cannot do to a ranking', () => {
    let other: ScoringCall;
    let otherRound: string;
    let otherCriteria: Array<{ id: string }>;
    let who: SignedIn;
    let members: string[];
    let team: SignedIn[];

    beforeAll(async () => {
      other = await scoringCall(t.dataSource, { now: NOW, applications: 2 });
      const people = [
        await newJuror(t.dataSource, { organisationCode: 'HOA', name: 'Első Ödön' }),
        await newJuror(t.dataSource, { organisationCode: 'EDEM', name: 'Második Őrs' }),
        await newJuror(t.dataSource, { organisationCode: 'OPSZ', name: 'Harmadik Ünige' }),
      ];
      members = await seatJurors(t.dataSource, other.id, people, { addedBy: other.coordinator.id });
      who = await signIn(t.server, other.coordinator.email, other.coordinator.password);
      await put(who, `/api/calls/${other.id}/jury/settings`, { jurorsPerApplication: 3 }).expect(200);
      const round = await post(who, `/api/calls/${other.id}/rounds`, {
        closesAt: new Date(NOW.getTime() + 5 * DAY).toISOString(),
      });
      otherRound = round.body.id as string;
      otherCriteria = round.body.criteria as Array<{ id: string }>;
      await post(who, `/api/rounds/${otherRound}/auto-assign`).expect(200);
      team = [];
      for (const person of people) team.push(await signIn(t.server, person.email, person.password));
      for (const [index, agent] of team.entries()) {
        const res = await agent.agent.get(`/api/jury/assignments?roundId=${otherRound}`);
        for (const assignment of res.body.items as Array<{ id: string }>) {
          await put(agent, `/api/assignments/${assignment.id}/scorecard`, {
            scores: otherCriteria.map((c) => ({ criterionId: c.id, points: index + 2 })),
            submit: true,
          }).expect(200);
        }
      }
    }, 60_000);

    async function jurorsOf(applicationId: string): Promise<number> {
      return (await wholeRanking(who.agent, otherRound)).find((r) => r.applicationId === applicationId)!.jurors;
    }

    it('a pending membership request is no conflict: it cannot take a juror’s scores out', async () => {
      const target = other.applications[0];
      await post(team[0], '/api/memberships', { municipalityKsh: target.municipalityKsh }).expect(201);
      expect(await jurorsOf(target.id)).toBe(3);
      const conflicts = await who.agent.get(`/api/calls/${other.id}/conflicts`);
      expect(conflicts.body.total).toBe(0);
    });

    it('takes a juror taken off the round away from its assignments; their scores stop counting', async () => {
      const [assignment] = (await team[2].agent.get(`/api/jury/assignments?roundId=${otherRound}`)).body
        .items as Array<{
        id: string;
      }>;
      const res = await who.agent
        .patch(`/api/rounds/${otherRound}`)
        .set('X-CSRF-Token', who.csrf)
        .send({ juryMemberIds: [members[0].toUpperCase(), members[1]] });
      expect(res.status).toBe(200);
      expect((await team[2].agent.get(`/api/assignments/${assignment.id}`)).status).toBe(404);
      const save = await put(team[2], `/api/assignments/${assignment.id}/scorecard`, { feedback: 'Még ez.' });
      expect(save.status).toBe(404);
      expect(await jurorsOf(other.applications[0].id)).toBe(2);
      const audit = (await auditRows(t.dataSource, otherRound)).find((r) => r.action === 'round.changed');
      expect(audit?.changes.scorecardsExcluded).toHaveLength(2);
    });

    it('after the close, a juror’s late declaration is recorded but leaves the ranking; a coordinator’s excludes, audited', async () => {
      await post(who, `/api/rounds/${otherRound}/close`).expect(200);
      const target = other.applications[1].id;
      expect(await jurorsOf(target)).toBe(2);
      await post(team[1], `/api/jury/calls/${other.id}/conflicts`, {
        applicationId: target,
        reason: 'Utólag jutott eszembe.',
      }).expect(201);
      expect(await jurorsOf(target)).toBe(2);
      const declared = (await auditRows(t.dataSource, target)).find((r) => r.action === 'jury.conflict_declared');
      expect(declared?.changes.scorecardsKeptInClosedRounds).toHaveLength(1);
      await post(who, `/api/calls/${other.id}/conflicts`, {
        juryMemberId: members[0],
        applicationId: target,
        reason: 'A bizottság döntése: érintett.',
      }).expect(201);
      expect(await jurorsOf(target)).toBe(1);
      const set = (await auditRows(t.dataSource, target)).find((r) => r.action === 'jury.conflict_set');
      expect(set?.changes.scorecardsExcluded).toHaveLength(1);
    });

    it('refuses conflicts once the results are decided', async () => {
      // decided (straight in the database, with the audit row the decision writes: test/invariants.ts)
      await t.dataSource.query(`UPDATE call SET decided_at = $2 WHERE id = $1`, [other.id, NOW]);
      await t.dataSource.query(
        `INSERT INTO audit_log (actor_id, action, target_type, target_id, changes)
         VALUES ($1, 'call.decided', 'call', $2, '{"source": "test"}'::jsonb)`,
        [other.coordinator.id, other.id],
      );
      const declared = await post(team[0], `/api/jury/calls/${other.id}/conflicts`, {
        applicationId: other.applications[0].id,
        reason: 'Késői bejelentés.',
      });
      expect(declared.status).toBe(409);
      expect(declared.body.error.code).toBe('CALL_WRONG_STATUS');
      const set = await post(who, `/api/calls/${other.id}/conflicts`, {
        juryMemberId: members[0],
        applicationId: other.applications[0].id,
        reason: 'Késői döntés.',
      });
      expect(set.status).toBe(409);
    });

    it('drops a scorecard from the ranking once an automatic conflict holds: an approved membership, a partner organisation', async () => {
      const [app0, app1] = other.applications;
      expect(await jurorsOf(app0.id)).toBe(2);
      const [pending] = await t.dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM membership WHERE status = 'pending' AND user_id = (SELECT user_id FROM jury_member WHERE id = $1)`,
        [members[0]],
      );
      await post(who, `/api/memberships/${pending.id}/approve`).expect(200);
      expect(await jurorsOf(app0.id)).toBe(1);
      expect(await jurorsOf(app1.id)).toBe(1);
      await t.dataSource.query(
        `UPDATE application SET content = content || '{"partnerOrganisations": ["EDEM"]}'::jsonb WHERE id = $1`,
        [app1.id],
      );
      expect(await jurorsOf(app1.id)).toBe(0);
    });

    it('refuses blank reasons and out-of-range tie-break orders with 400, never a 500', async () => {
      const blank = await post(team[0], `/api/jury/calls/${call.id}/conflicts`, {
        applicationId: call.applications[0].id,
        reason: '   ',
      });
      expect(blank.status).toBe(400);
      const huge = await post(who, `/api/calls/${other.id}/rounds`, {
        closesAt: new Date(NOW.getTime() + 9 * DAY).toISOString(),
        criteria: [{ nameHu: 'X', nameEn: 'X', weight: 1, maxPoints: 10, tieBreakOrder: 3_000_000_000 }],
        shortlist: { topPerTheme: 1 },
      });
      expect(huge.status).toBe(400);
      expect(huge.body.error.fields).toHaveProperty(['criteria.0.tieBreakOrder']);
    });
  });
});
