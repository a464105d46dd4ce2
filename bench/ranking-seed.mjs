// Seeds the `ranking` scenario's scoring calls straight into the bench database with set-based SQL
// (INSERT … SELECT generate_series): a call in scoring, its themes and criteria, submitted and
// eligible applications of real municipalities (with their frozen submissions), a jury, round 1
// with the call's criteria, every assignment submitted and every score saved. One transaction per
// call, so a call is either there whole or not at all; a call already seeded with the same shape
// is reused (BENCH_RANKING_RESEED=1 drops and rebuilds it).
import argon2 from 'argon2';
import { BENCH_PASSWORD, dropCall, findCall, insertScoringRows, shapeTitle, withClient } from './seed-common.mjs';

/** The coordinator the portal side signs in as (the password is only ever used on loopback). */
export const BENCH_COORDINATOR = { email: 'bench-coordinator@bench.localhost', password: BENCH_PASSWORD };

/** Bump when the generated data changes shape, so that older seeds are rebuilt. */
const SEED_VERSION = 1;

const WORDS = [
  'önkormányzat',
  'közösségi',
  'kert',
  'idősek',
  'gondozás',
  'program',
  'fejlesztés',
  'lakosság',
  'település',
  'együttműködés',
  'fenntartható',
  'energia',
  'hatékonyság',
  'szolgáltatás',
  'falugondnok',
  'ifjúság',
  'foglalkoztatás',
  'szegénység',
  'felzárkózás',
  'innováció',
  'digitális',
  'ügyintézés',
  'civil',
  'szervezet',
  'önkéntes',
  'iskola',
  'óvoda',
  'egészség',
  'megelőzés',
  'közlekedés',
  'kerékpár',
  'hulladék',
  'víz',
  'árvíz',
  'tűrő',
  'erdő',
  'turizmus',
  'kultúra',
  'hagyomány',
  'pályázat',
  'forrás',
  'költségvetés',
  'eredmény',
  'mérhető',
  'résztvevő',
  'háztartás',
  'szociális',
  'bérlakás',
  'piac',
  'termelő',
  'helyi',
  'és',
  'a',
  'az',
  'hogy',
  'valamint',
  'évente',
  'több',
  'mint',
  'száz',
];

/** The two sizes the issue asks for: 150,000 scores and ten times that. */
export const RANKING_SIZES = [
  { key: '150k', year: 2901, applications: 3_000, jurors: 40, criteria: 10, perApplication: 5, themes: 5 },
  { key: '1.5M', year: 2902, applications: 30_000, jurors: 400, criteria: 10, perApplication: 5, themes: 5 },
];

const titleOf = (size) => shapeTitle('ranking', size, SEED_VERSION);

/** Creates (or refreshes the password of) the benchmark coordinator. */
export async function ensureCoordinator(pool) {
  const hash = await argon2.hash(BENCH_COORDINATOR.password, {
    type: argon2.argon2id,
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
  });
  const { rows } = await pool.query(
    `INSERT INTO app_user (email, name, password_hash, language, roles)
     VALUES ($1, 'Benchmark Koordinátor', $2, 'hu', ARRAY['coordinator'])
     ON CONFLICT (email) DO UPDATE SET password_hash = excluded.password_hash, is_active = true,
                                       deactivated_at = NULL, roles = excluded.roles
     RETURNING id`,
    [BENCH_COORDINATOR.email, hash],
  );
  return rows[0].id;
}

/** Removes a benchmark call and everything seeded with it, its jurors' accounts too. */
async function dropCallAndJurors(client, callId) {
  const jurors = await dropCall(client, callId);
  await client.query(`DELETE FROM app_user WHERE id = ANY($1::uuid[])`, [jurors]);
}

/**
 * The round of the benchmark call of this size, seeded if missing. Returns its ids and how
 * long seeding took (0 when reused).
 */
export async function seedRankingCall(pool, size, coordinatorId, { reseed = false } = {}) {
  const title = titleOf(size);
  return withClient(pool, async (client) => {
    const found = await findCall(client, size.year);
    if (found && found.title_en === title && found.round_id && !reseed) {
      return { callId: found.id, roundId: found.round_id, seededMs: 0 };
    }
    const started = performance.now();
    await client.query('BEGIN');
    if (found) await dropCallAndJurors(client, found.id);
    // the new rows are consistent by construction: skip the per-row foreign-key triggers for
    // them (a superuser's setting, kept to this transaction; without it the seed is just
    // slower). CHECK, NOT NULL and unique constraints still hold.
    const { rows: su } = await client.query(`SELECT current_setting('is_superuser') = 'on' AS yes`);
    if (su[0].yes) await client.query(`SET LOCAL session_replication_role = replica`);
    const ids = await insertCall(client, size, title, coordinatorId);
    await client.query('COMMIT');
    // the statistics and visibility map a database in use would have (autovacuum), before the first plan
    for (const table of [
      'application',
      'application_submission',
      'jury_member',
      'assignment',
      'score',
      'app_user',
      'membership',
    ]) {
      await client.query(`VACUUM ANALYZE ${table}`);
    }
    // and of every other table (the round, its criteria, the organisations…), which the plan joins too
    await client.query('ANALYZE');
    return { ...ids, seededMs: Math.round(performance.now() - started) };
  });
}

async function insertCall(client, size, title, coordinatorId) {
  const { year, applications, jurors, perApplication, themes } = size;
  const q = (sql, params = []) => client.query(sql, params);
  // the call: submission closed 10 days ago, scoring started 5 days ago, round 1 open for 20 more days
  const { callId, roundId } = await insertScoringRows(client, {
    shape: size,
    title,
    description: ['Terheléses mérés', 'Benchmark'],
    coordinatorId,
    // applications: real municipalities in KSH order, round-robin (several per municipality when
    // there are more applications than municipalities: the schema allows it, no per-municipality cap);
    // every 50th names a steering-committee organisation as partner (an automatic conflict)
    applicationTable: (callId) =>
      q(
        `CREATE TEMP TABLE bench_application ON COMMIT DROP AS
           WITH paragraphs AS (
                  SELECT array_agg(
                           (SELECT string_agg(w[1 + (hashint8(i * 1000 + k)::bigint & 2147483647) % array_length(w, 1)], ' ')
                              FROM generate_series(1, 60) k) ORDER BY i) AS p
                    FROM generate_series(0, 96) i, (SELECT $4::text[] AS w) words),
                m AS (SELECT ksh_code, name, row_number() OVER (ORDER BY ksh_code) - 1 AS i FROM municipality),
                th AS (SELECT array_agg(id ORDER BY position) AS ids FROM call_theme WHERE call_id = $1)
           SELECT n, gen_random_uuid() AS id, th.ids[1 + n % $3] AS theme_id, m.ksh_code,
                  jsonb_build_object(
                    'title', 'Gyakorlat ' || (n + 1) || ': ' || m.name || ' közösségi programja',
                    'summary', p[1 + n % 97],
                    'problem', p[1 + (n + 11) % 97],
                    'practice', p[1 + (n + 23) % 97],
                    'results', p[1 + (n + 37) % 97],
                    'costHuf', 1000000 + n * 1000,
                    'communityParticipation', p[1 + (n + 41) % 97],
                    'sustainability', p[1 + (n + 53) % 97],
                    'adoption', p[1 + (n + 67) % 97],
                    'startDate', '2019-01-01')
                  || CASE WHEN n % 50 = 0 THEN '{"partnerOrganisations": ["BM"]}'::jsonb ELSE '{}' END AS content
             FROM generate_series(0, $2 - 1) n
             JOIN m ON m.i = n % (SELECT count(*) FROM municipality)
             CROSS JOIN paragraphs CROSS JOIN th`,
        [callId, applications, themes, WORDS],
      ),
    // the jury: one account per juror, organisations in turn; every 10th juror is an approved
    // member of a municipality (an automatic conflict with that municipality's applications)
    jurorAccounts: async () => {
      await q(
        `INSERT INTO app_user (id, email, name, password_hash, language, roles, organisation_id)
         SELECT user_id, 'bench-juror-' || $1 || '-' || j || '@bench.localhost', 'Zsűritag ' || j, '!', 'hu',
                ARRAY['juror'], organisation_id
           FROM bench_juror`,
        [year],
      );
      await q(
        `INSERT INTO membership (user_id, municipality_ksh, status, decided_at)
         SELECT b.user_id, a.ksh_code, 'approved', now()
           FROM bench_juror b JOIN bench_application a ON a.n = b.j * 7 WHERE b.j % 10 = 0`,
      );
    },
  });

  // assignments: application n gets jurors n, n + J/P, n + 2J/P, … (mod J): distinct, and every
  // juror gets the same number; all submitted
  await q(
    `CREATE TEMP TABLE bench_assignment ON COMMIT DROP AS
             SELECT a.n * $2 + k AS n, gen_random_uuid() AS id, a.n AS application_n, a.id AS application_id,
                    b.j, b.member_id
               FROM bench_application a
               CROSS JOIN generate_series(0, $2 - 1) k
               JOIN bench_juror b ON b.j = (a.n + k * ($1 / $2)) % $1`,
    [jurors, perApplication],
  );
  await q(
    `INSERT INTO assignment (id, round_id, application_id, jury_member_id, source, status, created_by, created_at,
                            updated_at, submitted_at)
     SELECT id, $1, application_id, member_id, 'auto', 'submitted', $2, now() - interval '5 days',
            now() - interval '1 day', now() - interval '1 day'
       FROM bench_assignment ORDER BY n`,
    [roundId, coordinatorId],
  );

  // scores: the application's quality, the juror's strictness and some noise, on each criterion's
  // scale; one score in a hundred is an abstention
  const unit = (expr) => `((hashint8(${expr})::bigint & 2147483647) / 2147483648.0)`;
  await q(
    `INSERT INTO score (assignment_id, criterion_id, points, abstain_reason, updated_at)
     SELECT x.id, c.id,
            CASE WHEN (x.n * 16 + c.position) % 100 = 42 THEN NULL
                 ELSE greatest(0, least(c.max_points, round(c.max_points * (
                        0.25 + 0.6 * ${unit('x.application_n')}
                        + 0.2 * (${unit('1000000 + x.j')} - 0.5)
                        + 0.3 * (${unit('x.n * 16 + c.position')} - 0.5)))))
            END,
            CASE WHEN (x.n * 16 + c.position) % 100 = 42 THEN 'Nem értek a területhez' END,
            now() - interval '1 day'
       FROM bench_assignment x CROSS JOIN round_criterion c
      WHERE c.round_id = $1
      ORDER BY x.n, c.position`,
    [roundId],
  );
  // each scorecard's weighted sums, as the triggers on score keep them (triggers are off while seeding as superuser)
  await q(
    `UPDATE assignment x SET weighted_points = t.wp, weighted_max = t.wmax
       FROM (SELECT s.assignment_id AS id, sum(c.weight * s.points) AS wp, sum(c.weight * c.max_points) AS wmax
               FROM score s JOIN round_criterion c ON c.id = s.criterion_id
              WHERE c.round_id = $1 AND s.points IS NOT NULL GROUP BY s.assignment_id) t
      WHERE x.id = t.id`,
    [roundId],
  );
  return { callId, roundId };
}
