import type { QueryRunner } from 'typeorm';
import { INVARIANTS } from '../invariants';
import { newJuror, scoringCall, type ScoringCall, seatJurors } from '../factories/jury';
import { createTestApp, type TestApp } from '../setup/test-app';

const NOW = new Date('2026-05-04T10:00:00Z');
const DAY = 86_400_000;

/**
 * The invariants of test/invariants.ts over this run's database, after every other e2e suite (the sequencer puts
 * this file last). First, each check is shown to catch its violation: made inside a transaction that is rolled
 * back, on a fixture of its own that satisfies every invariant.
 */
describe('invariants over the database the e2e suites left behind', () => {
  let t: TestApp;
  let call: ScoringCall;
  let juryMemberId: string;
  let roundId: string;
  let roundCriteria: string[];

  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    call = await scoringCall(t.dataSource, { now: NOW, applications: 2 });
    const juror = await newJuror(t.dataSource);
    [juryMemberId] = await seatJurors(t.dataSource, call.id, [juror], { addedBy: call.coordinator.id });
    const [round] = await t.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO scoring_round (call_id, number, name_hu, name_en, opens_at, closes_at, created_by, created_at)
       VALUES ($1, 1, '1. forduló', 'Round 1', $2, $3, $4, $2) RETURNING id`,
      [call.id, new Date(NOW.getTime() - 2 * DAY), new Date(NOW.getTime() + 5 * DAY), call.coordinator.id],
    );
    roundId = round.id;
    roundCriteria = (
      await t.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO round_criterion (round_id, position, name_hu, name_en, guidance_hu, guidance_en, weight, max_points)
         SELECT $1, position, name_hu, name_en, guidance_hu, guidance_en, weight, max_points
           FROM call_criterion WHERE call_id = $2 ORDER BY position RETURNING id`,
        [roundId, call.id],
      )
    ).map((row) => row.id);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  function check(name: string) {
    const invariant = INVARIANTS.find((i) => i.name === name);
    if (!invariant) throw new Error(`no invariant named ${name}`);
    return invariant;
  }

  /**
   * Runs `violate` in a transaction, then the named check inside it, and returns the rows the check finds that it
   * did not find before (the other suites' rows are not this test's business); rolls back whatever happened.
   */
  async function rowsAfter(name: string, violate: (runner: QueryRunner) => Promise<void>): Promise<unknown[]> {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const before = new Set(((await runner.query(check(name).sql)) as unknown[]).map((row) => JSON.stringify(row)));
      await violate(runner);
      return ((await runner.query(check(name).sql)) as unknown[]).filter((row) => !before.has(JSON.stringify(row)));
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  /** A scored assignment of the fixture's juror on application `index`, scored at `scoredAt`. */
  async function scored(runner: QueryRunner, index: number, scoredAt: Date): Promise<string> {
    const [assignment] = (await runner.query(
      `INSERT INTO assignment (round_id, application_id, jury_member_id, source, status, created_by, created_at,
                               updated_at, submitted_at)
       VALUES ($1, $2, $3, 'manual', 'submitted', $4, $5, $5, $5) RETURNING id`,
      [roundId, call.applications[index].id, juryMemberId, call.coordinator.id, scoredAt],
    )) as Array<{ id: string }>;
    await runner.query(
      `INSERT INTO score (assignment_id, criterion_id, points, updated_at) VALUES ($1, $2, 4, $3), ($1, $4, 3, $3)`,
      [assignment.id, roundCriteria[0], scoredAt, roundCriteria[1]],
    );
    return assignment.id;
  }

  it('has the six checks the reliability issue names', () => {
    expect(INVARIANTS.map((i) => i.name)).toEqual([
      'a counted score by a conflicted juror',
      'a score saved after its round closed',
      'a submission after its deadline',
      'two submissions of one application',
      'a state change without an audit row',
      'a publication without its snapshot',
    ]);
  });

  it('the fixture itself satisfies every invariant', async () => {
    const ours = [call.id, roundId, ...call.applications.map((a) => a.id)];
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await scored(runner, 0, NOW);
      for (const invariant of INVARIANTS) {
        const rows = ((await runner.query(invariant.sql)) as unknown[]).filter((row) =>
          ours.some((id) => JSON.stringify(row).includes(id)),
        );
        expect({ invariant: invariant.name, rows }).toEqual({ invariant: invariant.name, rows: [] });
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('catches a counted score by a juror with a conflict recorded while the round was open', async () => {
    const rows = await rowsAfter('a counted score by a conflicted juror', async (runner) => {
      await scored(runner, 0, NOW);
      await runner.query(
        `INSERT INTO conflict_of_interest (call_id, jury_member_id, application_id, source, reason, created_by, created_at)
         VALUES ($1, $2, $3, 'declared', 'Rokonom a polgármester.', $4, $5)`,
        [call.id, juryMemberId, call.applications[0].id, call.coordinator.id, NOW],
      );
    });
    expect(rows).toHaveLength(1);
  });

  it('catches a score saved at or after its round’s closing instant, or after an early close', async () => {
    const atClose = await rowsAfter('a score saved after its round closed', async (runner) => {
      await scored(runner, 0, new Date(NOW.getTime() + 5 * DAY));
    });
    expect(atClose).toHaveLength(2);
    const afterEarlyClose = await rowsAfter('a score saved after its round closed', async (runner) => {
      await runner.query(`UPDATE scoring_round SET closed_at = $2 WHERE id = $1`, [roundId, NOW]);
      await scored(runner, 1, new Date(NOW.getTime() + 1));
    });
    expect(afterEarlyClose).toHaveLength(2);
  });

  it('catches a submission received at the deadline, unless an extension was in force', async () => {
    const late = async (runner: QueryRunner) => {
      await runner.query(
        `UPDATE application_submission SET received_at = c.submission_closes_at
           FROM call c WHERE c.id = $2 AND application_submission.application_id = $1`,
        [call.applications[0].id, call.id],
      );
    };
    expect(await rowsAfter('a submission after its deadline', late)).toHaveLength(1);
    const extended = await rowsAfter('a submission after its deadline', async (runner) => {
      await runner.query(
        `INSERT INTO deadline_extension (call_id, municipality_ksh, closes_at, reason, granted_by, created_at)
         SELECT $1, $2, c.submission_closes_at + interval '1 day', 'Áramszünet.', $3, c.submission_closes_at - interval '1 hour'
           FROM call c WHERE c.id = $1`,
        [call.id, call.applications[0].municipalityKsh, call.coordinator.id],
      );
      await late(runner);
    });
    expect(extended).toEqual([]);
  });

  it('catches a second submission of an application that was never reopened', async () => {
    const rows = await rowsAfter('two submissions of one application', async (runner) => {
      await runner.query(
        `INSERT INTO application_submission (application_id, number, content, attachments, sha256, received_at,
                                             submitted_by, receipt_storage_key)
         SELECT application_id, 2, content, attachments, sha256, received_at, submitted_by, receipt_storage_key || '-2'
           FROM application_submission WHERE application_id = $1`,
        [call.applications[1].id],
      );
    });
    expect(rows).toHaveLength(1);
  });

  it('catches state changes without their audit rows', async () => {
    const rows = await rowsAfter('a state change without an audit row', async (runner) => {
      // a membership decided, a round closed, a call decided and a publication requested, none of them audited
      await runner.query(
        `INSERT INTO membership (user_id, municipality_ksh, status, decided_at) VALUES ($1, $2, 'approved', now())`,
        [call.coordinator.id, call.applications[1].municipalityKsh],
      );
      await runner.query(`UPDATE scoring_round SET closed_at = $2 WHERE id = $1`, [roundId, NOW]);
      await runner.query(`UPDATE call SET decided_at = $2 WHERE id = $1`, [call.id, NOW]);
      await runner.query(
        `INSERT INTO publication (call_id, version, status, requested_by) VALUES ($1, 1, 'queued', $2)`,
        [call.id, call.coordinator.id],
      );
    });
    expect((rows as Array<{ kind: string }>).map((r) => r.kind).sort()).toEqual([
      'call decided',
      'membership',
      'publication',
      'round closed',
    ]);
  });

  it('catches a completed publication without its snapshot', async () => {
    const rows = await rowsAfter('a publication without its snapshot', async (runner) => {
      await runner.query(
        `INSERT INTO publication (call_id, version, status, requested_by, completed_at) VALUES ($1, 1, 'completed', $2, $3)`,
        [call.id, call.coordinator.id, NOW],
      );
    });
    expect(rows).toHaveLength(1);
  });

  it.each(INVARIANTS.map((i) => [i.name, i.sql]))('finds no “%s” in the whole run’s database', async (_name, sql) => {
    const rows = await t.dataSource.query<unknown[]>(sql);
    expect(rows).toEqual([]);
  });
});
