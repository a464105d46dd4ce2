// Seeds the `scoring` scenario straight into the bench database with set-based SQL: a call closed
// to applications and in scoring, its themes and criteria, submitted and eligible applications of
// real municipalities (with their frozen submissions), a jury of bench jurors who accepted the
// declaration (organisations in turn, no memberships and no partner organisations: no conflict
// of interest), and round 1 open with every juror assigned the same number of applications, no
// scorecard saved yet. One transaction; a call already seeded with the same shape is reused.
import { cheapHash } from './rush-seed.mjs';

/** Bump when the generated data changes shape, so that older seeds are rebuilt. */
const SEED_VERSION = 1;

export const SCORING_SHAPE = { year: 2905, applications: 400, jurors: 40, criteria: 10, perApplication: 5, themes: 5 };

export const jurorEmail = (j) => `bench-scoring-juror-${j}@bench.localhost`;

function titleOf(shape) {
  const { applications, jurors, criteria, perApplication } = shape;
  return `Benchmark scoring ${applications}x${jurors}x${criteria}x${perApplication} v${SEED_VERSION}`;
}

/** The scoring call's round, seeded if missing. */
export async function seedScoringCall(pool, coordinatorId, shape = SCORING_SHAPE) {
  const title = titleOf(shape);
  const hash = await cheapHash();
  const client = await pool.connect();
  try {
    const { rows: found } = await client.query(
      `SELECT c.id, c.title_en, r.id AS round_id
         FROM call c JOIN programme p ON p.id = c.programme_id AND p.code = 'logy'
         LEFT JOIN scoring_round r ON r.call_id = c.id AND r.number = 1
        WHERE c.year = $1`,
      [shape.year],
    );
    if (found[0]?.title_en === title && found[0].round_id) {
      // the jurors' password and the round's window follow the clock of this run
      await client.query(`UPDATE app_user SET password_hash = $1 WHERE email LIKE 'bench-scoring-juror-%'`, [hash]);
      await client.query(
        `UPDATE scoring_round SET opens_at = now() - interval '5 days', closes_at = now() + interval '20 days',
                                  closed_at = NULL
          WHERE id = $1`,
        [found[0].round_id],
      );
      await client.query(
        `UPDATE call SET submission_opens_at = now() - interval '70 days', submission_closes_at = now() - interval '10 days',
                         scoring_closes_at = now() + interval '20 days', results_at = now() + interval '40 days'
          WHERE id = $1`,
        [found[0].id],
      );
      return { callId: found[0].id, roundId: found[0].round_id };
    }
    await client.query('BEGIN');
    if (found[0]) await dropCall(client, found[0].id);
    const ids = await insertCall(client, shape, title, coordinatorId, hash);
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE assignment, score, jury_member, app_user');
    return ids;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function dropCall(client, callId) {
  const rounds = `SELECT id FROM scoring_round WHERE call_id = $1`;
  await client.query(
    `DELETE FROM score WHERE assignment_id IN (SELECT id FROM assignment WHERE round_id IN (${rounds}))`,
    [callId],
  );
  await client.query(`DELETE FROM assignment WHERE round_id IN (${rounds})`, [callId]);
  await client.query(`DELETE FROM scoring_round WHERE call_id = $1`, [callId]);
  await client.query(`DELETE FROM jury_member WHERE call_id = $1`, [callId]);
  await client.query(
    `DELETE FROM application_submission WHERE application_id IN (SELECT id FROM application WHERE call_id = $1)`,
    [callId],
  );
  await client.query(`DELETE FROM application WHERE call_id = $1`, [callId]);
  await client.query(`DELETE FROM call WHERE id = $1`, [callId]);
}

async function insertCall(client, shape, title, coordinatorId, hash) {
  const { year, applications, jurors, criteria, perApplication, themes } = shape;
  const q = (sql, params = []) => client.query(sql, params);
  const { rows: calls } = await q(
    `INSERT INTO call (programme_id, year, title_hu, title_en, description_hu, description_en,
                       submission_opens_at, submission_closes_at, scoring_closes_at, results_at,
                       announced_at, scoring_started_at)
     SELECT id, $1, $2, $2, 'Terheléses mérés: pontozás', 'Benchmark: scoring',
            now() - interval '70 days', now() - interval '10 days', now() + interval '20 days',
            now() + interval '40 days', now() - interval '71 days', now() - interval '5 days'
       FROM programme WHERE code = 'logy'
     RETURNING id`,
    [year, title],
  );
  const callId = calls[0].id;
  await q(
    `INSERT INTO call_theme (call_id, position, title_hu, title_en, description_hu, description_en)
     SELECT $1, t, 'Téma ' || t, 'Theme ' || t, '', '' FROM generate_series(1, $2) t`,
    [callId, themes],
  );
  await q(
    `INSERT INTO call_criterion (call_id, position, name_hu, name_en, guidance_hu, guidance_en, weight, max_points,
                                 tie_break_order)
     SELECT $1, p, 'Szempont ' || p, 'Criterion ' || p, '', '', 1 + p % 3, (ARRAY[10, 5, 20])[1 + p % 3],
            CASE WHEN p <= 2 THEN p END
       FROM generate_series(1, $2) p`,
    [callId, criteria],
  );
  await q(`INSERT INTO jury_settings (call_id, jurors_per_application, scoring_method) VALUES ($1, $2, 'mean')`, [
    callId,
    perApplication,
  ]);
  await q(
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
  );
  await q(
    `INSERT INTO application (id, call_id, theme_id, municipality_ksh, status, title, content, created_by, updated_by,
                             submitted_at, formal_check, formal_checked_at, formal_checked_by)
     SELECT id, $1, theme_id, ksh_code, 'submitted', content ->> 'title', content, $2, $2,
            now() - interval '11 days', 'eligible', now() - interval '6 days', $2
       FROM bench_application ORDER BY n`,
    [callId, coordinatorId],
  );
  await q(
    `INSERT INTO application_submission (application_id, number, content, attachments, sha256, received_at,
                                         submitted_by, receipt_storage_key)
     SELECT id, 1, content, '[]'::jsonb, encode(sha256(convert_to(content::text, 'UTF8')), 'hex'),
            now() - interval '11 days', $1, 'receipts/' || gen_random_uuid() || '.pdf'
       FROM bench_application ORDER BY n`,
    [coordinatorId],
  );
  await q(
    `CREATE TEMP TABLE bench_juror ON COMMIT DROP AS
       SELECT j, gen_random_uuid() AS user_id, gen_random_uuid() AS member_id,
              (SELECT id FROM organisation ORDER BY code OFFSET j % (SELECT count(*) FROM organisation) LIMIT 1)
                AS organisation_id
         FROM generate_series(0, $1 - 1) j`,
    [jurors],
  );
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
  await q(
    `INSERT INTO jury_member (id, call_id, user_id, organisation_id, declaration_accepted_at, added_by)
     SELECT member_id, $1, user_id, organisation_id, now() - interval '5 days', $2 FROM bench_juror`,
    [callId, coordinatorId],
  );
  const { rows: rounds } = await q(
    `INSERT INTO scoring_round (call_id, number, name_hu, name_en, opens_at, closes_at, created_by)
     VALUES ($1, 1, '1. forduló', 'Round 1', now() - interval '5 days', now() + interval '20 days', $2)
     RETURNING id`,
    [callId, coordinatorId],
  );
  const roundId = rounds[0].id;
  await q(
    `INSERT INTO round_criterion (round_id, position, name_hu, name_en, weight, max_points, tie_break_order,
                                  source_criterion_id)
     SELECT $1, position, name_hu, name_en, weight, max_points, tie_break_order, id
       FROM call_criterion WHERE call_id = $2`,
    [roundId, callId],
  );
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
