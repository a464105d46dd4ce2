// Seeds the `publish` (and `public`) scenarios: a call of 3,000 submitted applications of the
// register's first 3,000 municipalities, scored in one round by 40 jurors (5 per application,
// 10 criteria: bench/ranking-seed.mjs builds it), then closed and decided with set-based SQL:
// award levels, per theme the three best applications of the round awarded (following the
// ranking), the call decided. The applicants' staff are the bench applicants (bench/rush-seed.mjs:
// one approved member per municipality). Before every publish run the call's publications and
// their outcome mails are removed and the call is decided again, not published.
import { seedRankingCall } from './ranking-seed.mjs';
import { findCall, inTransaction } from './seed-common.mjs';

export const PUBLISH_SIZE = {
  key: 'publish',
  year: 2906,
  applications: 3_000,
  jurors: 40,
  criteria: 10,
  perApplication: 5,
  themes: 5,
};

/** The decided call of the publish scenario, seeded if missing. Returns its ids and how long seeding took. */
export async function seedPublishCall(pool, coordinatorId, { reseed = false } = {}) {
  // the ranking seed's rebuild knows nothing of decisions and publications: they go first
  if (reseed) await dropResults(pool);
  const seeded = await seedRankingCall(pool, PUBLISH_SIZE, coordinatorId, { reseed });
  const { rows } = await pool.query(`SELECT decided_at FROM call WHERE id = $1`, [seeded.callId]);
  if (!rows[0].decided_at) {
    await inTransaction(pool, (client) => decide(client, seeded.callId, seeded.roundId, coordinatorId));
  }
  return seeded;
}

async function dropResults(pool) {
  const found = await findCall(pool, PUBLISH_SIZE.year);
  if (!found) return;
  await resetPublication(pool, found.id);
  await pool.query(`DELETE FROM award_decision WHERE call_id = $1`, [found.id]);
  await pool.query(`DELETE FROM theme_decision WHERE call_id = $1`, [found.id]);
  await pool.query(`DELETE FROM award_level WHERE call_id = $1`, [found.id]);
}

async function decide(client, callId, roundId, coordinatorId) {
  const q = (sql, params = []) => client.query(sql, params);
  // scoring is over: the round closed yesterday, the call's scoring phase too
  await q(
    `UPDATE scoring_round SET opens_at = now() - interval '5 days', closes_at = now() - interval '1 day',
                              closed_at = now() - interval '1 day'
      WHERE id = $1`,
    [roundId],
  );
  await q(
    `INSERT INTO award_level (call_id, code, position, name_hu, name_en)
     VALUES ($1, 'winner', 1, 'Nyertes', 'Winner'), ($1, 'special_prize', 2, 'Különdíj', 'Special prize'),
            ($1, 'commendation', 3, 'Elismerő oklevél', 'Commendation')
     ON CONFLICT DO NOTHING`,
    [callId],
  );
  await q(
    `INSERT INTO theme_decision (call_id, theme_id, round_id, follows_ranking, decided_by, decided_at)
     SELECT $1, id, $2, true, $3, now() - interval '12 hours' FROM call_theme WHERE call_id = $1
     ON CONFLICT DO NOTHING`,
    [callId, roundId, coordinatorId],
  );
  // per theme the three best by the mean of the jurors' weighted totals (the call's method: mean)
  await q(
    `INSERT INTO award_decision (call_id, theme_id, round_id, application_id, level_code, position, rank_at_decision,
                                 score_at_decision, decided_by, decided_at)
     SELECT $1, theme_id, $2, application_id, (ARRAY['winner', 'special_prize', 'commendation'])[position], position,
            position, score, $3, now() - interval '12 hours'
       FROM (SELECT a.theme_id, a.id AS application_id, round(s.score, 4) AS score,
                    row_number() OVER (PARTITION BY a.theme_id ORDER BY s.score DESC, a.id)::int AS position
               FROM application a
               JOIN (SELECT x.application_id, avg(100 * x.weighted_points / nullif(x.weighted_max, 0)) AS score
                       FROM assignment x WHERE x.round_id = $2 AND x.status = 'submitted'
                      GROUP BY x.application_id) s ON s.application_id = a.id
              WHERE a.call_id = $1) ranked
      WHERE position <= 3
     ON CONFLICT DO NOTHING`,
    [callId, roundId, coordinatorId],
  );
  await q(
    `UPDATE call SET scoring_closes_at = now() - interval '1 day', decided_at = now() - interval '12 hours',
                     version = version + 1, updated_at = now()
      WHERE id = $1`,
    [callId],
  );
}

/** The outcome mails' dedupe-key prefix of the call's publications (`results:<call>:v<version>:`). */
const mailPrefix = (callId) => `results:${callId}:`;

/** Back to decided and not published: no publication, no outcome mail, no outbox row of either. */
export async function resetPublication(pool, callId) {
  await inTransaction(pool, async (client) => {
    await client.query(
      `WITH gone AS (DELETE FROM mail_message WHERE dedupe_key LIKE $1 RETURNING id)
       DELETE FROM outbox WHERE queue = 'mail' AND payload ->> 'mailId' IN (SELECT id::text FROM gone)`,
      [`${mailPrefix(callId)}%`],
    );
    await client.query(
      `WITH gone AS (DELETE FROM publication WHERE call_id = $1 RETURNING id)
       DELETE FROM outbox WHERE queue = 'results' AND payload ->> 'publicationId' IN (SELECT id::text FROM gone)`,
      [callId],
    );
    await client.query(`UPDATE call SET results_published_at = NULL WHERE id = $1`, [callId]);
  });
}

/** The call's latest completed publication, if any. */
export async function completedPublication(pool, callId) {
  const { rows } = await pool.query(
    `SELECT id, version, pg_column_size(snapshot) AS snapshot_bytes FROM publication
      WHERE call_id = $1 AND status = 'completed' ORDER BY version DESC LIMIT 1`,
    [callId],
  );
  return rows[0];
}

/**
 * Who the outcome mails go to: one per application and approved, active member of its
 * municipality. Besides the bench applicants, a few bench jurors of the ranking seeds are
 * members of a municipality too.
 */
export async function expectedOutcomeMails(pool, callId) {
  const { rows } = await pool.query(
    `SELECT count(DISTINCT a.id)::int AS applications, count(*)::int AS mails
       FROM application a
       JOIN membership ms ON ms.municipality_ksh = a.municipality_ksh AND ms.status = 'approved'
       JOIN app_user u ON u.id = ms.user_id AND u.is_active
      WHERE a.call_id = $1 AND a.status = 'submitted'`,
    [callId],
  );
  return rows[0];
}

/** The ids of the outcome mails of a publication version, with their state. */
export async function outcomeMails(pool, callId, version) {
  const { rows } = await pool.query(`SELECT id, status FROM mail_message WHERE dedupe_key LIKE $1`, [
    `${mailPrefix(callId)}v${version}:%`,
  ]);
  return rows;
}
