// Seeds the `rush` scenario straight into the bench database with set-based SQL: one applicant
// account per municipality of the register (approved membership), and two open calls with one
// draft per municipality, one for the portal and one for the raw baseline (their own copies of
// the rows, so the two sides never touch each other's). Before every run of a side its call is
// reset: every application back to its draft (version 1), its submissions and their receipt
// mails gone, and the deadline a few minutes ahead of the database's clock.
import {
  cheapHash,
  deleteSubmissions,
  dropCall,
  findCall,
  inTransaction,
  insertThemes,
  withClient,
} from './seed-common.mjs';

export { BENCH_PASSWORD, cheapHash } from './seed-common.mjs';

/** Bump when the generated data changes shape, so that older seeds are rebuilt. */
const SEED_VERSION = 1;

/** The rush's two calls: the portal's and the baseline's. */
export const RUSH_YEARS = { portal: 2903, baseline: 2904 };

/** The e-mail of the bench applicant of a municipality. */
export const applicantEmail = (ksh) => `bench-applicant-${ksh}@bench.localhost`;

/**
 * One applicant account per municipality (the first `count` of the register in KSH order, all of
 * it by default), each an approved member of its municipality. Returns how many there are.
 */
export async function ensureApplicants(pool, count = 100_000) {
  const hash = await cheapHash();
  return inTransaction(pool, async (client) => {
    await client.query(
      `CREATE TEMP TABLE bench_municipality ON COMMIT DROP AS
         SELECT ksh_code, name FROM municipality ORDER BY ksh_code LIMIT $1`,
      [count],
    );
    await client.query(
      `INSERT INTO app_user (email, name, password_hash, language, roles)
       SELECT 'bench-applicant-' || ksh_code || '@bench.localhost', 'Pályázó (' || name || ')', $1, 'hu',
              ARRAY['applicant']
         FROM bench_municipality
       ON CONFLICT (email) DO UPDATE SET password_hash = excluded.password_hash, is_active = true,
                                         deactivated_at = NULL, roles = excluded.roles`,
      [hash],
    );
    await client.query(
      `INSERT INTO membership (user_id, municipality_ksh, position, status, decided_at)
       SELECT u.id, m.ksh_code, 'jegyző', 'approved', now()
         FROM bench_municipality m JOIN app_user u ON u.email = 'bench-applicant-' || m.ksh_code || '@bench.localhost'
       ON CONFLICT (user_id, municipality_ksh) DO UPDATE SET status = 'approved'`,
    );
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM bench_municipality`);
    return rows[0].n;
  });
}

const PARAGRAPH =
  'A település önkormányzata a helyi civil szervezetekkel együttműködve közösségi programot indított, ' +
  'amelyben az idősek gondozása, a fiatalok foglalkoztatása és a fenntartható energiahasználat egy ' +
  'keretbe került; az eredmények évente mérhetők, a résztvevők száma háromszorosára nőtt. ';

/** The draft as the rush finds it (every field but `adoption` and the contact), for municipality `m`. */
const DRAFT_CONTENT = `jsonb_build_object(
    'title', m.name || ' közösségi programja',
    'summary', left(repeat('${PARAGRAPH}', 3), 900),
    'problem', repeat('${PARAGRAPH}', 4),
    'practice', repeat('${PARAGRAPH}', 6),
    'results', repeat('${PARAGRAPH}', 4),
    'costHuf', 1000000 + (m.ksh_code::int % 1000) * 1000,
    'communityParticipation', repeat('${PARAGRAPH}', 3),
    'sustainability', repeat('${PARAGRAPH}', 3),
    'startDate', '2019-01-01')`;

function titleOf(side, count) {
  return `Benchmark rush ${side} ${count} v${SEED_VERSION}`;
}

/**
 * The rush call of one side with one draft per bench applicant, seeded if missing (or of another
 * shape). Returns its id.
 */
export async function seedRushCall(pool, side, applicants) {
  const year = RUSH_YEARS[side];
  const title = titleOf(side, applicants);
  return withClient(pool, async (client) => {
    const found = await findCall(client, year);
    if (found?.title_en === title) return found.id;
    await client.query('BEGIN');
    if (found) await dropCall(client, found.id);
    const { rows: calls } = await client.query(
      `INSERT INTO call (programme_id, year, title_hu, title_en, description_hu, description_en,
                         submission_opens_at, submission_closes_at, scoring_closes_at, results_at, announced_at)
       SELECT id, $1, $2, $2, 'Terheléses mérés: beadási roham', 'Benchmark: the last minutes before a deadline',
              now() - interval '30 days', now() + interval '10 minutes', now() + interval '60 days',
              now() + interval '90 days', now() - interval '31 days'
         FROM programme WHERE code = 'logy'
       RETURNING id`,
      [year, title],
    );
    const callId = calls[0].id;
    await insertThemes(client, callId, 5);
    await client.query(
      `INSERT INTO call_criterion (call_id, position, name_hu, name_en, guidance_hu, guidance_en, weight, max_points)
       SELECT $1, p, 'Szempont ' || p, 'Criterion ' || p, '', '', 1, 10 FROM generate_series(1, 5) p`,
      [callId],
    );
    // one draft per bench applicant's municipality, created and last saved by that applicant
    await client.query(
      `INSERT INTO application (call_id, theme_id, municipality_ksh, status, version, title, content, created_by,
                               updated_by, created_at, updated_at)
       SELECT $1, th.ids[1 + (row_number() OVER (ORDER BY m.ksh_code))::int % 5], m.ksh_code, 'draft', 1,
              m.name || ' közösségi programja', ${DRAFT_CONTENT}, u.id, u.id, now() - interval '20 days',
              now() - interval '1 day'
         FROM municipality m
         JOIN app_user u ON u.email = 'bench-applicant-' || m.ksh_code || '@bench.localhost'
         CROSS JOIN (SELECT array_agg(id ORDER BY position) AS ids FROM call_theme WHERE call_id = $1) th
        ORDER BY m.ksh_code
        LIMIT $2`,
      [callId, applicants],
    );
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE application');
    return callId;
  });
}

/**
 * Puts a rush call back to where the rush starts: every application a draft at version 1 with
 * its seeded content, no submission, and the deadline `minutes` ahead of the database's clock.
 */
export async function resetRushCall(pool, callId, minutes) {
  await inTransaction(pool, async (client) => {
    await deleteSubmissions(client, callId);
    await client.query(
      `UPDATE application a
          SET status = 'draft', version = 1, title = m.name || ' közösségi programja', content = ${DRAFT_CONTENT},
              submitted_at = NULL, withdrawn_at = NULL, updated_by = a.created_by, updated_at = now() - interval '1 day'
         FROM municipality m
        WHERE a.call_id = $1 AND m.ksh_code = a.municipality_ksh`,
      [callId],
    );
    await client.query(
      `UPDATE call SET submission_opens_at = now() - interval '30 days',
                       submission_closes_at = now() + make_interval(mins => $2),
                       scoring_closes_at = now() + interval '60 days', results_at = now() + interval '90 days',
                       announced_at = now() - interval '31 days'
        WHERE id = $1`,
      [callId, minutes],
    );
  });
  // the previous run's dead rows, before the next one is timed
  await pool.query('VACUUM ANALYZE application, application_submission, mail_message');
}

/** The rush's work list: each application with its municipality's applicant. */
export async function rushApplications(pool, callId) {
  const { rows } = await pool.query(
    `SELECT a.id, a.municipality_ksh AS ksh, m.name AS municipality
       FROM application a JOIN municipality m ON m.ksh_code = a.municipality_ksh
      WHERE a.call_id = $1 ORDER BY a.municipality_ksh`,
    [callId],
  );
  return rows;
}

/**
 * What the database holds after a rush: every application submitted exactly once (one
 * submission, number 1, with the saved draft's field in it), and for the portal one receipt
 * job queued per submission (the worker renders the receipt PDF and decides its mails).
 */
export async function countRush(pool, callId) {
  const { rows } = await pool.query(
    `WITH a AS (SELECT * FROM application WHERE call_id = $1),
          s AS (SELECT s.* FROM application_submission s JOIN a ON a.id = s.application_id)
     SELECT (SELECT count(*)::int FROM a) AS applications,
            (SELECT count(*)::int FROM a WHERE status = 'submitted') AS submitted,
            (SELECT count(*)::int FROM a WHERE content ? 'adoption') AS saved,
            (SELECT count(*)::int FROM s) AS submissions,
            (SELECT count(DISTINCT application_id)::int FROM s) AS submitted_once,
            (SELECT count(*)::int FROM s WHERE number > 1) AS extra_submissions,
            (SELECT count(*)::int FROM s WHERE content ? 'adoption') AS submissions_with_save,
            (SELECT count(*)::int FROM outbox WHERE queue = 'documents' AND job_name = 'receipt'
                AND payload ->> 'submissionId' IN (SELECT id::text FROM s)) AS receipt_jobs`,
    [callId],
  );
  return rows[0];
}
