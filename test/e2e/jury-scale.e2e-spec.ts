import { newJuror, scoringCall, seatJurors, wholeRanking } from '../factories/jury';
import type { TestUser } from '../factories/users';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../setup/test-app';

const NOW = new Date('2026-05-10T08:00:00Z');
const DAY = 86_400_000;

/** A seeded PRNG (mulberry32), so a failing run can be repeated. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function put(who: SignedIn, url: string, body: object) {
  return who.agent.put(url).set('X-CSRF-Token', who.csrf).send(body);
}
function post(who: SignedIn, url: string, body: object = {}) {
  return who.agent.post(url).set('X-CSRF-Token', who.csrf).send(body);
}

async function organisationCodes(t: TestApp): Promise<string[]> {
  const rows = await t.dataSource.query<Array<{ code: string }>>(`SELECT code FROM organisation ORDER BY code`);
  expect(rows.length).toBeGreaterThan(0);
  return rows.map((r) => r.code);
}

describe('jury at scale: automatic assignment, concurrent saves, the close race', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
  });

  afterAll(async () => {
    await t.close();
  });

  it('assigns 300 applications to 15 jurors (k = 3, random conflicts): 3 conflict-free jurors each, loads within one, the same on a second run', async () => {
    const random = prng(20261122);
    const call = await scoringCall(t.dataSource, { now: NOW, applications: 300 });
    const codes = await organisationCodes(t);
    const jurors: TestUser[] = [];
    for (let i = 0; i < 15; i++) {
      jurors.push(
        await newJuror(t.dataSource, { organisationCode: codes[i % codes.length], name: `Zsűritag ${i + 1}` }),
      );
    }
    const members = await seatJurors(t.dataSource, call.id, jurors, { addedBy: call.coordinator.id });
    // about 5 % of the pairs declared as conflicts
    let conflicts = 0;
    for (const member of members) {
      for (const application of call.applications) {
        if (random() < 0.05) {
          await t.dataSource.query(
            `INSERT INTO conflict_of_interest (call_id, jury_member_id, application_id, source, reason, created_by)
             VALUES ($1, $2, $3, 'declared', 'véletlen összeférhetetlenség', $4)`,
            [call.id, member, application.id, jurors[members.indexOf(member)].id],
          );
          conflicts += 1;
        }
      }
    }
    expect(conflicts).toBeGreaterThan(100);
    const coordinator = await signIn(t.server, call.coordinator.email, call.coordinator.password);
    const round = await post(coordinator, `/api/calls/${call.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 14 * DAY).toISOString(),
    });
    expect(round.status).toBe(201);
    const roundId = round.body.id as string;

    const first = await post(coordinator, `/api/rounds/${roundId}/auto-assign`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ jurorsPerApplication: 3, created: 900, shortfalls: [] });
    expect(first.body.loadSpread).toBeLessThanOrEqual(1);

    const pairs = async (): Promise<string[]> =>
      (
        await t.dataSource.query<Array<{ pair: string }>>(
          `SELECT application_id || ':' || jury_member_id AS pair FROM assignment WHERE round_id = $1 ORDER BY 1`,
          [roundId],
        )
      ).map((r) => r.pair);
    const assigned = await pairs();
    expect(assigned).toHaveLength(900);

    const perApplication = await t.dataSource.query<Array<{ n: number; conflicted: number }>>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM jury_conflict c
                                              WHERE c.jury_member_id = x.jury_member_id AND c.application_id = x.application_id))::int AS conflicted
         FROM assignment x WHERE x.round_id = $1 GROUP BY x.application_id`,
      [roundId],
    );
    expect(perApplication).toHaveLength(300);
    expect(perApplication.every((row) => row.n === 3 && row.conflicted === 0)).toBe(true);
    const loads = await t.dataSource.query<Array<{ load: number }>>(
      `SELECT count(*)::int AS load FROM assignment WHERE round_id = $1 GROUP BY jury_member_id`,
      [roundId],
    );
    expect(loads).toHaveLength(15);
    const spread = Math.max(...loads.map((l) => l.load)) - Math.min(...loads.map((l) => l.load));
    expect(spread).toBeLessThanOrEqual(1);

    const ids = async (): Promise<string[]> =>
      (
        await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM assignment WHERE round_id = $1 ORDER BY id`, [
          roundId,
        ])
      ).map((r) => r.id);
    const idsBefore = await ids();
    // the same input plans the same: nothing moves, every assignment keeps its id (a juror may have it open)
    const second = await post(coordinator, `/api/rounds/${roundId}/auto-assign`);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ created: 0, replanned: 0, kept: 900, shortfalls: [] });
    expect(await pairs()).toEqual(assigned);
    expect(await ids()).toEqual(idsBefore);
  }, 120_000);

  it('reruns for new applications without moving scored assignments', async () => {
    const call = await scoringCall(t.dataSource, { now: NOW, applications: 12 });
    const jurors: TestUser[] = [];
    for (let i = 0; i < 4; i++)
      jurors.push(await newJuror(t.dataSource, { organisationCode: 'BM', name: `Bíráló ${i}` }));
    await seatJurors(t.dataSource, call.id, jurors, { addedBy: call.coordinator.id });
    // two applications are not yet eligible when the round opens
    await t.dataSource.query(`UPDATE application SET formal_check = NULL WHERE id = ANY($1::uuid[])`, [
      [call.applications[10].id, call.applications[11].id],
    ]);
    const coordinator = await signIn(t.server, call.coordinator.email, call.coordinator.password);
    const round = await post(coordinator, `/api/calls/${call.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 14 * DAY).toISOString(),
    });
    const roundId = round.body.id as string;
    await post(coordinator, `/api/rounds/${roundId}/auto-assign`).expect(200);
    const juror = await signIn(t.server, jurors[0].email, jurors[0].password);
    const mine = await juror.agent.get(`/api/jury/assignments?roundId=${roundId}`);
    expect(mine.body.total).toBeGreaterThan(0);
    const scoredId = mine.body.items[0].id as string;
    const detail = await juror.agent.get(`/api/assignments/${scoredId}`);
    await put(juror, `/api/assignments/${scoredId}/scorecard`, {
      scores: [{ criterionId: detail.body.criteria[0].id, points: 6 }],
    }).expect(200);
    const before = await t.dataSource.query<Array<{ id: string; application_id: string; jury_member_id: string }>>(
      `SELECT id, application_id, jury_member_id FROM assignment WHERE id = $1`,
      [scoredId],
    );

    await t.dataSource.query(`UPDATE application SET formal_check = 'eligible' WHERE id = ANY($1::uuid[])`, [
      [call.applications[10].id, call.applications[11].id],
    ]);
    const rerun = await post(coordinator, `/api/rounds/${roundId}/auto-assign`);
    expect(rerun.status).toBe(200);
    expect(rerun.body).toMatchObject({ shortfalls: [] });
    expect(rerun.body.created).toBeGreaterThanOrEqual(6);
    const after = await t.dataSource.query<Array<{ id: string; application_id: string; jury_member_id: string }>>(
      `SELECT id, application_id, jury_member_id FROM assignment WHERE id = $1`,
      [scoredId],
    );
    expect(after).toEqual(before);
    const [{ newcomers }] = await t.dataSource.query<Array<{ newcomers: number }>>(
      `SELECT count(*)::int AS newcomers FROM assignment WHERE round_id = $1 AND application_id = ANY($2::uuid[])`,
      [roundId, [call.applications[10].id, call.applications[11].id]],
    );
    expect(newcomers).toBe(6);
  }, 60_000);

  it('says which application lacks jurors and why when the constraints cannot be met', async () => {
    const call = await scoringCall(t.dataSource, { now: NOW, applications: 3 });
    const jurors = [
      await newJuror(t.dataSource, { organisationCode: 'BM' }),
      await newJuror(t.dataSource, { organisationCode: 'HOA' }),
    ];
    const members = await seatJurors(t.dataSource, call.id, jurors, {
      addedBy: call.coordinator.id,
      // juror 1 only scores the first theme
      themeIds: (index) => (index === 1 ? [call.themes[0].id] : []),
    });
    await t.dataSource.query(
      `INSERT INTO conflict_of_interest (call_id, jury_member_id, application_id, source, reason, created_by)
       VALUES ($1, $2, $3, 'coordinator', 'rokoni kapcsolat', $4)`,
      [call.id, members[0], call.applications[2].id, call.coordinator.id],
    );
    const coordinator = await signIn(t.server, call.coordinator.email, call.coordinator.password);
    await put(coordinator, `/api/calls/${call.id}/jury/settings`, { jurorsPerApplication: 2 }).expect(200);
    const round = await post(coordinator, `/api/calls/${call.id}/rounds`, {
      closesAt: new Date(NOW.getTime() + 14 * DAY).toISOString(),
    });
    const res = await post(coordinator, `/api/rounds/${round.body.id}/auto-assign`);
    expect(res.status).toBe(200);
    const byApplication = new Map(
      (res.body.shortfalls as Array<{ applicationId: string }>).map((s) => [s.applicationId, s]),
    );
    // application 0 (theme 1): both jurors can take it; 1 (theme 2): only juror 0; 2 (theme 3): juror 0 conflicted, juror 1 outside
    expect(byApplication.has(call.applications[0].id)).toBe(false);
    expect(byApplication.get(call.applications[1].id)).toMatchObject({
      needed: 2,
      assigned: 1,
      candidates: 1,
      outsideThemes: 1,
      reason: 'too_few_jurors',
    });
    expect(byApplication.get(call.applications[2].id)).toMatchObject({
      needed: 2,
      assigned: 0,
      candidates: 0,
      conflicted: 1,
      outsideThemes: 1,
      reason: 'no_jurors',
    });
  });

  describe('twenty jurors scoring at once', () => {
    let roundId: string;
    let criteria: Array<{ id: string }>;
    let agents: SignedIn[];
    let coordinator: SignedIn;
    let assignments: Map<number, Array<{ id: string; applicationId: string }>>;

    beforeAll(async () => {
      const call = await scoringCall(t.dataSource, {
        now: NOW,
        applications: 5,
        criteria: [
          { nameHu: 'Relevancia', nameEn: 'Relevance', weight: 1, maxPoints: 10 },
          { nameHu: 'Hatás', nameEn: 'Impact', weight: 1, maxPoints: 10 },
        ],
      });
      const jurors: TestUser[] = [];
      for (let i = 0; i < 20; i++)
        jurors.push(await newJuror(t.dataSource, { organisationCode: 'BM', name: `Bíráló ${i}` }));
      await seatJurors(t.dataSource, call.id, jurors, { addedBy: call.coordinator.id });
      coordinator = await signIn(t.server, call.coordinator.email, call.coordinator.password);
      await put(coordinator, `/api/calls/${call.id}/jury/settings`, { jurorsPerApplication: 20 }).expect(200);
      const round = await post(coordinator, `/api/calls/${call.id}/rounds`, {
        closesAt: new Date(NOW.getTime() + 14 * DAY).toISOString(),
      });
      roundId = round.body.id as string;
      criteria = round.body.criteria as Array<{ id: string }>;
      await post(coordinator, `/api/rounds/${roundId}/auto-assign`).expect(200);
      agents = [];
      assignments = new Map();
      for (const [index, juror] of jurors.entries()) {
        const agent = await signIn(t.server, juror.email, juror.password);
        agents.push(agent);
        const mine = await agent.agent.get(`/api/jury/assignments?roundId=${roundId}&pageSize=100`);
        expect(mine.body.total).toBe(5);
        assignments.set(index, mine.body.items as Array<{ id: string; applicationId: string }>);
      }
    }, 60_000);

    it('200 concurrent saves by 20 jurors lose nothing', async () => {
      // each juror saves each criterion of each of 5 applications separately: 20 × 5 × 2 = 200 saves at once,
      // two of them on the same scorecard at the same time
      const expected = new Map<string, number>();
      const saves = [];
      for (const [index, agent] of agents.entries()) {
        for (const [n, assignment] of (assignments.get(index) ?? []).entries()) {
          for (const [c, criterion] of criteria.entries()) {
            const points = (index + n + c) % 11;
            expected.set(`${assignment.id}:${criterion.id}`, points);
            saves.push(
              put(agent, `/api/assignments/${assignment.id}/scorecard`, {
                scores: [{ criterionId: criterion.id, points }],
              }),
            );
          }
        }
      }
      expect(saves).toHaveLength(200);
      const results = await Promise.all(saves);
      expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      const stored = await t.dataSource.query<Array<{ key: string; points: string }>>(
        `SELECT s.assignment_id || ':' || s.criterion_id AS key, s.points FROM score s
           JOIN assignment a ON a.id = s.assignment_id WHERE a.round_id = $1`,
        [roundId],
      );
      expect(stored).toHaveLength(200);
      for (const row of stored) expect(Number(row.points)).toBe(expected.get(row.key));
      const [{ drafts }] = await t.dataSource.query<Array<{ drafts: number }>>(
        `SELECT count(*)::int AS drafts FROM assignment WHERE round_id = $1 AND status = 'draft' AND version = 3`,
        [roundId],
      );
      expect(drafts).toBe(100);
    }, 60_000);

    it('closing the round while late saves race it: every score is either in the result or refused', async () => {
      // every juror keeps submitting complete scorecards (new points each time) for its applications, one after
      // the other; the coordinator closes the round once 20 saves came back; each juror goes on until it has
      // seen the close answered, and then tries once more
      let answered = 0;
      let closed = false;
      let close: Promise<number> | undefined;
      const accepted = new Map<string, number>(); // assignment → points of its last accepted save
      const refusedCodes = new Set<string>();
      let refusals = 0;
      const startClose = () => {
        close ??= post(coordinator, `/api/rounds/${roundId}/close`).then((res) => {
          closed = true;
          return res.status;
        });
      };
      const jurorLoop = async (index: number): Promise<void> => {
        const agent = agents[index];
        let attempt = 0;
        let afterClose = 0;
        while (afterClose < 2) {
          if (closed) afterClose += 1;
          const assignment = (assignments.get(index) ?? [])[attempt % 5];
          const points = (attempt * 3 + index) % 11;
          attempt += 1;
          const res = await put(agent, `/api/assignments/${assignment.id}/scorecard`, {
            scores: criteria.map((criterion) => ({ criterionId: criterion.id, points })),
            submit: true,
          });
          if (res.status === 200) accepted.set(assignment.id, points);
          else {
            refusals += 1;
            refusedCodes.add(`${res.status} ${res.body.error?.code as string}`);
          }
          answered += 1;
          if (answered >= 20) startClose();
        }
      };
      await Promise.all(agents.map((_, index) => jurorLoop(index)));
      expect(await close).toBe(200);
      expect(accepted.size).toBeGreaterThanOrEqual(20);
      expect(refusals).toBeGreaterThanOrEqual(20);
      expect([...refusedCodes]).toEqual(['409 ROUND_NOT_OPEN']);

      const [{ closed_at: closedAt }] = await t.dataSource.query<Array<{ closed_at: Date }>>(
        `SELECT closed_at FROM scoring_round WHERE id = $1`,
        [roundId],
      );
      const rows = await t.dataSource.query<
        Array<{ id: string; status: string; points: string[]; late: number; updated_at: Date }>
      >(
        `SELECT a.id, a.status, a.updated_at, array_agg(s.points::text) AS points,
                count(*) FILTER (WHERE s.updated_at > $2)::int AS late
           FROM assignment a JOIN score s ON s.assignment_id = a.id
          WHERE a.round_id = $1 GROUP BY a.id, a.status`,
        [roundId, closedAt],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      // what was accepted is what is stored, submitted; nothing was written after the close
      for (const [id, points] of accepted) {
        expect({ id, status: byId.get(id)?.status, points: byId.get(id)?.points.map(Number) }).toEqual({
          id,
          status: 'submitted',
          points: [points, points],
        });
      }
      expect(rows.every((r) => r.late === 0 && r.updated_at.getTime() <= closedAt.getTime())).toBe(true);
      expect(
        rows
          .filter((r) => r.status === 'submitted')
          .map((r) => r.id)
          .sort(),
      ).toEqual([...accepted.keys()].sort());

      // the result counts exactly the accepted scorecards
      const ranking = await wholeRanking(coordinator.agent, roundId);
      const counted = ranking.reduce((sum, row) => sum + row.jurors, 0);
      expect(counted).toBe(accepted.size);
    }, 60_000);
  });
});
