// Seeds the `scoring` scenario straight into the bench database with set-based SQL: a call closed
// to applications and in scoring, its themes and criteria, submitted and eligible applications of
// real municipalities (with their frozen submissions), a jury of bench jurors who accepted the
// declaration (organisations in turn, no memberships and no partner organisations: no conflict
// of interest), and round 1 open with every juror assigned the same number of applications, no
// scorecard saved yet. One transaction; a call already seeded with the same shape is reused.
import { cheapHash, dropCall, findCall, insertScoringRows, shapeTitle, withClient } from './seed-common.mjs';

/** Bump when the generated data changes shape, so that older seeds are rebuilt. */
const SEED_VERSION = 1;

export const SCORING_SHAPE = { year: 2905, applications: 400, jurors: 40, criteria: 10, perApplication: 5, themes: 5 };

export const jurorEmail = (j) => `bench-scoring-juror-${j}@bench.localhost`;

const titleOf = (shape) => shapeTitle('scoring', shape, SEED_VERSION);

/** The scoring call's round, seeded if missing. */
export async function seedScoringCall(pool, coordinatorId, shape = SCORING_SHAPE) {
  const title = titleOf(shape);
  const hash = await cheapHash();
  return withClient(pool, async (client) => {
    const found = await findCall(client, shape.year);
    if (found?.title_en === title && found.round_id) {
      // the jurors' password and the round's window follow the clock of this run
      await client.query(`UPDATE app_user SET password_hash = $1 WHERE email LIKE 'bench-scoring-juror-%'`, [hash]);
      await client.query(
        `UPDATE scoring_round SET opens_at = now() - interval '5 days', closes_at = now() + interval '20 days',
                                  closed_at = NULL
          WHERE id = $1`,
        [found.round_id],
      );
      await client.query(
        `UPDATE call SET submission_opens_at = now() - interval '70 days', submission_closes_at = now() - interval '10 days',
                         scoring_closes_at = now() + interval '20 days', results_at = now() + interval '40 days'
          WHERE id = $1`,
        [found.id],
      );
      return { callId: found.id, roundId: found.round_id };
    }
    await client.query('BEGIN');
    if (found) await dropCall(client, found.id);
    const ids = await insertCall(client, shape, title, coordinatorId, hash);
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE assignment, score, jury_member, app_user');
    return ids;
  });
}

async function insertCall(client, shape, title, coordinatorId, hash) {
  const { applications, jurors, perApplication, themes } = shape;
  const q = (sql, params = []) => client.query(sql, params);
  const { callId, roundId } = await insertScoringRows(client, {
    shape,
    title,
    description: ['Terheléses mérés: pontozás', 'Benchmark: scoring'],
    coordinatorId,
    applicationTable: (callId) =>
      q(
        `CREATE TEMP TABLE bench_application ON COMMIT DROP AS
           SELECT n, gen_random_uuid() AS id, th.ids[1 + n % $3] AS theme_id, m.ksh_code,
                  jsonb_build_object(
                    'title', 'Gyakorlat ' || (n + 1) || ': ' || m.name || ' közösségi programja',
                    'summary', 'Közösségi program ' || m.name || ' településen.',
                    'problem', 'A probléma leírása.', 'practice', 'A gyakorlat leírása.',
                    'results', 'Mérhető eredmények.', 'costHuf', 1000000 + n * 1000,
                    'communityParticipation', 'Lakossági fórumok.', 'sustainability', 'Saját forrásból.',
                    'adoption', 'Más településen is átvehető.', 'startDate', '2019-01-01') AS content
             FROM generate_series(0, $2 - 1) n
             JOIN (SELECT ksh_code, name, row_number() OVER (ORDER BY ksh_code) - 1 AS i FROM municipality) m ON m.i = n
             CROSS JOIN (SELECT array_agg(id ORDER BY position) AS ids FROM call_theme WHERE call_id = $1) th`,
        [callId, applications, themes],
      ),
    jurorAccounts: async () => {
      await q(
        `INSERT INTO app_user (id, email, name, password_hash, language, roles, organisation_id)
         SELECT user_id, 'bench-scoring-juror-' || j || '@bench.localhost', 'Pontozó zsűritag ' || j, $1, 'hu',
                ARRAY['juror'], organisation_id
           FROM bench_juror
         ON CONFLICT (email) DO NOTHING`,
        [hash],
      );
      // accounts of an earlier shape of this seed are reused (their old jury rows went with the old call)
      await q(
        `UPDATE bench_juror b SET user_id = u.id FROM app_user u
          WHERE u.email = 'bench-scoring-juror-' || b.j || '@bench.localhost'`,
      );
      await q(
        `UPDATE app_user u SET password_hash = $1, organisation_id = b.organisation_id, roles = ARRAY['juror'],
                               is_active = true
           FROM bench_juror b WHERE u.id = b.user_id`,
        [hash],
      );
    },
  });
  // application n gets jurors n, n + J/P, n + 2J/P, … (mod J): distinct, and every juror gets the same number
  await q(
    `INSERT INTO assignment (round_id, application_id, jury_member_id, source, status, created_by, created_at,
                             updated_at)
     SELECT $1, a.id, b.member_id, 'auto', 'assigned', $4, now() - interval '5 days', now() - interval '5 days'
       FROM bench_application a
       CROSS JOIN generate_series(0, $3 - 1) k
       JOIN bench_juror b ON b.j = (a.n + k * ($2 / $3)) % $2
      ORDER BY a.n, k`,
    [roundId, jurors, perApplication, coordinatorId],
  );
  return { callId, roundId };
}

/** Every juror's assignments (in a stable order) and the round's criteria with their maximum. */
export async function scoringWork(pool, roundId) {
  const { rows: assignments } = await pool.query(
    `SELECT x.id, u.email FROM assignment x
       JOIN jury_member j ON j.id = x.jury_member_id JOIN app_user u ON u.id = j.user_id
      WHERE x.round_id = $1 ORDER BY u.email, x.id`,
    [roundId],
  );
  const { rows: criteria } = await pool.query(
    `SELECT id, max_points FROM round_criterion WHERE round_id = $1 ORDER BY position`,
    [roundId],
  );
  const byJuror = new Map();
  for (const a of assignments) byJuror.set(a.email, [...(byJuror.get(a.email) ?? []), a.id]);
  return { byJuror, criteria: criteria.map((c) => ({ id: c.id, max: Number(c.max_points) })) };
}
