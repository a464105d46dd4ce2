// What the bench seeds (bench/*-seed.mjs) share: the bench accounts' password, a pool client with
// its transaction, finding and dropping a bench call, and the rows of a call in scoring (themes,
// criteria, submitted applications with their submissions, a jury, round 1), all set-based SQL.
import argon2 from 'argon2';

/**
 * The password of every bench applicant and juror. Their hash is deliberately cheap (argon2id,
 * 1 MiB, one pass) so that signing in thousands of them before a timed run takes seconds: the
 * portal verifies whatever parameters a stored hash carries. The coordinator keeps the real cost.
 */
export const BENCH_PASSWORD = 'Bench-jelszó-2026';

export function cheapHash() {
  return argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
}

/** Runs `work` with a client of `pool`; on an error, rolls back the transaction it may have open. */
export async function withClient(pool, work) {
  const client = await pool.connect();
  try {
    return await work(client);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Runs `work` in one transaction on a client of `pool`. */
export function inTransaction(pool, work) {
  return withClient(pool, async (client) => {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  });
}

/** The title of a seeded scoring call: its kind, its shape and the seed's version. */
export function shapeTitle(kind, { applications, jurors, criteria, perApplication }, version) {
  return `Benchmark ${kind} ${applications}x${jurors}x${criteria}x${perApplication} v${version}`;
}

/** The programme's call of `year` (`id`, `title_en`, and `round_id` of its round 1 if any), or undefined. */
export async function findCall(db, year) {
  const { rows } = await db.query(
    `SELECT c.id, c.title_en, r.id AS round_id
       FROM call c JOIN programme p ON p.id = c.programme_id AND p.code = 'logy'
       LEFT JOIN scoring_round r ON r.call_id = c.id AND r.number = 1
      WHERE c.year = $1`,
    [year],
  );
  return rows[0];
}

/**
 * Removes a bench call and everything seeded with it or done to it (scoring, jury, submissions
 * with their receipt mails, attachments, applications). Returns the user ids of its jurors, whose
 * accounts stay.
 */
export async function dropCall(client, callId) {
  const rounds = `SELECT id FROM scoring_round WHERE call_id = $1`;
  const apps = `SELECT id FROM application WHERE call_id = $1`;
  await client.query(
    `DELETE FROM score WHERE assignment_id IN (SELECT id FROM assignment WHERE round_id IN (${rounds}))`,
    [callId],
  );
  await client.query(`DELETE FROM assignment WHERE round_id IN (${rounds})`, [callId]);
  await client.query(`DELETE FROM scoring_round WHERE call_id = $1`, [callId]); // round_criterion, round_entry
  const { rows } = await client.query(`DELETE FROM jury_member WHERE call_id = $1 RETURNING user_id`, [callId]);
  await deleteSubmissions(client, callId);
  await client.query(`DELETE FROM application_attachment WHERE application_id IN (${apps})`, [callId]);
  await client.query(`DELETE FROM application WHERE call_id = $1`, [callId]);
  await client.query(`DELETE FROM call WHERE id = $1`, [callId]); // themes, criteria, jury settings
  return rows.map((r) => r.user_id);
}

/**
 * The call's submissions, their receipt jobs, their receipt mails (dedupe key
 * `application-submitted:<submission>:<person>`) and those mails' outbox rows (no row is left
 * pointing at a mail or a submission that is gone).
 */
export async function deleteSubmissions(client, callId) {
  await client.query(
    `WITH gone AS (
       DELETE FROM mail_message
        WHERE dedupe_key LIKE 'application-submitted:%'
          AND split_part(dedupe_key, ':', 2) IN (
                SELECT s.id::text FROM application_submission s JOIN application a ON a.id = s.application_id
                 WHERE a.call_id = $1)
       RETURNING id)
     DELETE FROM outbox WHERE queue = 'mail' AND payload ->> 'mailId' IN (SELECT id::text FROM gone)`,
    [callId],
  );
  // the submissions' receipt jobs (documents/receipt), relayed or not
  await client.query(
    `DELETE FROM outbox WHERE queue = 'documents' AND payload ->> 'submissionId' IN (
       SELECT s.id::text FROM application_submission s JOIN application a ON a.id = s.application_id
        WHERE a.call_id = $1)`,
    [callId],
  );
  await client.query(
    `DELETE FROM application_submission WHERE application_id IN (SELECT id FROM application WHERE call_id = $1)`,
    [callId],
  );
}

/** The call's themes 1 to `count`. */
export async function insertThemes(client, callId, count) {
  await client.query(
    `INSERT INTO call_theme (call_id, position, title_hu, title_en, description_hu, description_en)
     SELECT $1, t, 'Téma ' || t, 'Theme ' || t, '', '' FROM generate_series(1, $2) t`,
    [callId, count],
  );
}

/**
 * The rows of a call in scoring, in the client's transaction: the call (submission closed 10 days
 * ago, scoring started 5 days ago; `description` is [Hungarian, English]) with `shape`'s themes,
 * criteria and jury settings; the applications `applicationTable(callId)` puts in the temporary table
 * bench_application (n, id, theme_id, ksh_code, content), submitted and eligible, with their
 * submissions; `shape.jurors` jurors in the temporary table bench_juror (j, user_id, member_id,
 * organisation_id), whose accounts `jurorAccounts(callId)` creates, on the jury; round 1 open with the
 * call's criteria. Returns the call's and the round's ids.
 */
export async function insertScoringRows(
  client,
  { shape, title, description, coordinatorId, applicationTable, jurorAccounts },
) {
  const callId = await insertScoringCall(client, shape, title, description);
  await applicationTable(callId);
  await insertSubmittedApplications(client, callId, coordinatorId);
  await createJurorTable(client, shape.jurors);
  await jurorAccounts(callId);
  await insertJuryMembers(client, callId, coordinatorId);
  const roundId = await insertRoundOne(client, callId, coordinatorId);
  return { callId, roundId };
}

/**
 * A call in scoring with `shape`'s themes and criteria (weights 1–3, maximum 5, 10 or 20 points;
 * the first two break ties) and its jury settings (`perApplication` jurors, the mean). Returns its id.
 */
async function insertScoringCall(client, shape, title, description) {
  const { year, criteria, perApplication, themes } = shape;
  const { rows: calls } = await client.query(
    `INSERT INTO call (programme_id, year, title_hu, title_en, description_hu, description_en,
                       submission_opens_at, submission_closes_at, scoring_closes_at, results_at,
                       announced_at, scoring_started_at)
     SELECT id, $1, $2, $2, $3, $4,
            now() - interval '70 days', now() - interval '10 days', now() + interval '20 days',
            now() + interval '40 days', now() - interval '71 days', now() - interval '5 days'
       FROM programme WHERE code = 'logy'
     RETURNING id`,
    [year, title, ...description],
  );
  const callId = calls[0].id;
  await insertThemes(client, callId, themes);
  await client.query(
    `INSERT INTO call_criterion (call_id, position, name_hu, name_en, guidance_hu, guidance_en, weight, max_points,
                                 tie_break_order)
     SELECT $1, p, 'Szempont ' || p, 'Criterion ' || p, '', '', 1 + p % 3, (ARRAY[10, 5, 20])[1 + p % 3],
            CASE WHEN p <= 2 THEN p END
       FROM generate_series(1, $2) p`,
    [callId, criteria],
  );
  await client.query(
    `INSERT INTO jury_settings (call_id, jurors_per_application, scoring_method) VALUES ($1, $2, 'mean')`,
    [callId, perApplication],
  );
  return callId;
}

/**
 * The applications of the temporary table bench_application (n, id, theme_id, ksh_code, content),
 * submitted 11 days ago and found eligible, each with its frozen submission number 1.
 */
async function insertSubmittedApplications(client, callId, coordinatorId) {
  await client.query(
    `INSERT INTO application (id, call_id, theme_id, municipality_ksh, status, title, content, created_by, updated_by,
                             submitted_at, formal_check, formal_checked_at, formal_checked_by)
     SELECT id, $1, theme_id, ksh_code, 'submitted', content ->> 'title', content, $2, $2,
            now() - interval '11 days', 'eligible', now() - interval '6 days', $2
       FROM bench_application ORDER BY n`,
    [callId, coordinatorId],
  );
  await client.query(
    `INSERT INTO application_submission (application_id, number, content, attachments, sha256, received_at,
                                         submitted_by, receipt_storage_key)
     SELECT id, 1, content, '[]'::jsonb, encode(sha256(convert_to(content::text, 'UTF8')), 'hex'),
            now() - interval '11 days', $1, 'receipts/' || gen_random_uuid() || '.pdf'
       FROM bench_application ORDER BY n`,
    [coordinatorId],
  );
}

/** The temporary table bench_juror: jurors 0 to `count` - 1 with new ids, organisations in turn. */
async function createJurorTable(client, count) {
  await client.query(
    `CREATE TEMP TABLE bench_juror ON COMMIT DROP AS
       SELECT j, gen_random_uuid() AS user_id, gen_random_uuid() AS member_id,
              (SELECT id FROM organisation ORDER BY code OFFSET j % (SELECT count(*) FROM organisation) LIMIT 1)
                AS organisation_id
         FROM generate_series(0, $1 - 1) j`,
    [count],
  );
}

/** bench_juror's jurors on the call's jury, the declaration accepted 5 days ago. */
async function insertJuryMembers(client, callId, coordinatorId) {
  await client.query(
    `INSERT INTO jury_member (id, call_id, user_id, organisation_id, declaration_accepted_at, added_by)
     SELECT member_id, $1, user_id, organisation_id, now() - interval '5 days', $2 FROM bench_juror`,
    [callId, coordinatorId],
  );
}

/** Round 1 of the call with the call's criteria, open from 5 days ago for 20 more days. Returns its id. */
async function insertRoundOne(client, callId, coordinatorId) {
  const { rows: rounds } = await client.query(
    `INSERT INTO scoring_round (call_id, number, name_hu, name_en, opens_at, closes_at, created_by)
     VALUES ($1, 1, '1. forduló', 'Round 1', now() - interval '5 days', now() + interval '20 days', $2)
     RETURNING id`,
    [callId, coordinatorId],
  );
  const roundId = rounds[0].id;
  await client.query(
    `INSERT INTO round_criterion (round_id, position, name_hu, name_en, weight, max_points, tie_break_order,
                                  source_criterion_id)
     SELECT $1, position, name_hu, name_en, weight, max_points, tie_break_order, id
       FROM call_criterion WHERE call_id = $2`,
    [roundId, callId],
  );
  return roundId;
}
