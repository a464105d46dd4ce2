// The raw baseline: a bare node:http server doing the same SQL as the portal through pg, on the
// paths of the portal's routes the bench loads (municipality search, ranking, the rush's save and
// submit, scorecard saves, the public winner list, a publication's mails). No session, no access
// checks, no audit rows: only what each route must do in the database.
import { createHash } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import nodemailer from 'nodemailer';
import pg from 'pg';

const require = createRequire(import.meta.url);
// the portal's own SQL text, so the baseline can never drift from it
const { ROUND_SCORES_SQL } = require('../dist/libs/jury/src/round-scores.sql.js');
// and its own mapping of a frozen results snapshot to the public winner list (pure, no framework),
// for a publication frozen before its public part was kept
const { buildPublicResults } = require('../dist/libs/results/src/snapshot.js');

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const port = Number(process.env.PORT ?? 3102);

// NFD + dropping combining marks, like foldText in libs/core
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
const escapeLike = (s) => s.replace(/[\\%_]/g, '\\$&');

async function searchMunicipalities(url) {
  const q = fold(url.searchParams.get('q') ?? '');
  const page = Number(url.searchParams.get('page') ?? 1);
  const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
  const e = escapeLike(q);
  const where = q ? 'WHERE m.name_folded LIKE $1' : '';
  const params = q ? [`%${e}%`] : [];
  const count = await pool.query(`SELECT count(DISTINCT m.ksh_code) AS n FROM municipality m ${where}`, params);
  const order = q
    ? `CASE WHEN m.name_folded = $2 THEN 0 WHEN m.name_folded LIKE $3 THEN 1 ELSE 2 END, m.population DESC,`
    : '';
  const rows = await pool.query(
    `SELECT m.ksh_code, m.name, m.legal_status, m.is_county_seat, m.county, m.district_name, m.population, m.postal_code
       FROM municipality m ${where}
      ORDER BY ${order} m.name COLLATE "hu-HU-x-icu", m.ksh_code
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    q ? [...params, q, `${e}%`] : [],
  );
  return {
    items: rows.rows.map((r) => ({
      kshCode: r.ksh_code,
      name: r.name,
      legalStatus: r.legal_status,
      isCountySeat: r.is_county_seat,
      county: r.county,
      districtName: r.district_name,
      population: r.population,
      postalCode: r.postal_code,
    })),
    total: Number(count.rows[0].n),
    page,
    pageSize,
  };
}

/**
 * The raw SQL under GET /api/rounds/:id/ranking: the very text the portal runs (ROUND_SCORES_SQL, from
 * the build `npm run bench` makes first), answered as a page of its rows of the size the portal was asked
 * for (?page=&pageSize=, as the portal's defaults) with their count. No session, no ranking logic.
 */
async function roundAggregates(roundId, url) {
  const { rows } = await pool.query(ROUND_SCORES_SQL, [roundId]);
  const page = Number(url.searchParams.get('page') ?? 1);
  const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
  return { total: rows.length, items: rows.slice((page - 1) * pageSize, page * pageSize) };
}

const RANKING = /^\/api\/rounds\/([0-9a-f-]{36})\/ranking$/;
const APPLICATION = /^\/api\/applications\/([0-9a-f-]{36})$/;
const SUBMIT = /^\/api\/applications\/([0-9a-f-]{36})\/submit$/;
const SCORECARD = /^\/api\/assignments\/([0-9a-f-]{36})\/scorecard$/;
const PUBLICATIONS = /^\/api\/calls\/([0-9a-f-]{36})\/publications$/;

class HttpError extends Error {
  constructor(status, code) {
    super(code);
    this.status = status;
  }
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

/** One transaction on one pooled connection. */
async function inTransaction(work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * PATCH /api/applications/:id (rush): the draft's content updated with a version check in one
 * statement (fields given replace, a shallow merge). No session, no access check, no audit row.
 */
async function saveDraft(id, body) {
  const { rows } = await pool.query(
    `UPDATE application
        SET content = content || $2::jsonb, title = coalesce(nullif(trim($2::jsonb ->> 'title'), ''), title),
            version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $3 AND status = 'draft'
      RETURNING id, status, version, title, content, updated_at`,
    [id, JSON.stringify(body.content ?? {}), body.version],
  );
  if (!rows[0]) throw new HttpError(409, 'APPLICATION_STALE_VERSION');
  const r = rows[0];
  return {
    id: r.id,
    status: r.status,
    version: r.version,
    title: r.title,
    content: r.content,
    updatedAt: r.updated_at,
  };
}

/**
 * POST /api/applications/:id/submit (rush): in one transaction the application locked, a
 * repeated submit answered with its submission, else the next submission row inserted (the
 * content frozen with its SHA-256) and the status set. No receipt PDF, no mail, no audit row.
 */
async function submitApplication(id, body) {
  return inTransaction(async (client) => {
    const { rows } = await client.query(
      `SELECT id, status, version, content, created_by FROM application WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const application = rows[0];
    if (!application) throw new HttpError(404, 'NOT_FOUND');
    if (application.status === 'submitted') {
      const latest = await client.query(
        `SELECT id, number, sha256, received_at FROM application_submission WHERE application_id = $1
          ORDER BY number DESC LIMIT 1`,
        [id],
      );
      return { status: 200, body: { application: { id, status: 'submitted' }, submission: latest.rows[0] } };
    }
    if (application.status !== 'draft') throw new HttpError(409, 'APPLICATION_WRONG_STATUS');
    if (body.version !== undefined && body.version !== application.version) {
      throw new HttpError(409, 'APPLICATION_STALE_VERSION');
    }
    const sha256 = createHash('sha256').update(JSON.stringify(application.content), 'utf8').digest('hex');
    const { rows: next } = await client.query(
      `SELECT coalesce(max(number), 0)::int + 1 AS next FROM application_submission WHERE application_id = $1`,
      [id],
    );
    const { rows: submitted } = await client.query(
      `INSERT INTO application_submission (application_id, number, content, attachments, sha256, received_at,
                                           submitted_by, receipt_storage_key)
       VALUES ($1, $2, $3::jsonb, '[]'::jsonb, $4, now(), $5, $6)
       RETURNING id, number, sha256, received_at`,
      [
        id,
        next[0].next,
        JSON.stringify(application.content),
        sha256,
        application.created_by,
        `receipts/baseline-${id}.pdf`,
      ],
    );
    await client.query(
      `UPDATE application SET status = 'submitted', submitted_at = now(), version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id],
    );
    const s = submitted[0];
    return {
      status: 201,
      body: {
        application: { id, status: 'submitted', version: application.version + 1 },
        submission: { id: s.id, number: s.number, sha256: s.sha256, receivedAt: s.received_at },
      },
    };
  });
}

/**
 * PUT /api/assignments/:id/scorecard (scoring): in one transaction the assignment locked, each
 * score upserted with the portal's statement, the assignment's version and status moved on, the
 * scorecard read back. No session, no round or access checks, no audit row.
 */
async function saveScorecard(id, body) {
  return inTransaction(async (client) => {
    const { rows } = await client.query(`SELECT id, status, version FROM assignment WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows[0]) throw new HttpError(404, 'NOT_FOUND');
    const now = new Date();
    for (const item of body.scores ?? []) {
      const points = item.points === undefined ? undefined : item.points === null ? null : String(item.points);
      const abstain = item.abstainReason === undefined ? undefined : item.abstainReason?.trim() || null;
      await client.query(
        `INSERT INTO score (assignment_id, criterion_id, points, abstain_reason, note, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (assignment_id, criterion_id) DO UPDATE SET
           points = CASE WHEN $7 THEN EXCLUDED.points WHEN $8 AND EXCLUDED.abstain_reason IS NOT NULL THEN NULL ELSE score.points END,
           abstain_reason = CASE WHEN $8 THEN EXCLUDED.abstain_reason WHEN $7 AND EXCLUDED.points IS NOT NULL THEN NULL ELSE score.abstain_reason END,
           note = CASE WHEN $9 THEN EXCLUDED.note ELSE score.note END,
           updated_at = EXCLUDED.updated_at`,
        [
          id,
          item.criterionId,
          points ?? null,
          abstain ?? null,
          item.note?.trim() || null,
          now,
          points !== undefined,
          abstain !== undefined,
          item.note !== undefined,
        ],
      );
    }
    const { rows: updated } = await client.query(
      `UPDATE assignment SET status = CASE WHEN status = 'submitted' THEN status ELSE 'draft' END,
                             version = version + 1, updated_at = $2
        WHERE id = $1 RETURNING status, version`,
      [id, now],
    );
    const { rows: scores } = await client.query(
      `SELECT s.criterion_id AS "criterionId", s.points, s.abstain_reason AS "abstainReason", s.note
         FROM score s JOIN round_criterion c ON c.id = s.criterion_id
        WHERE s.assignment_id = $1 ORDER BY c.position`,
      [id],
    );
    return {
      assignmentId: id,
      status: updated[0].status,
      version: updated[0].version,
      scores: scores.map((s) => ({ ...s, points: s.points === null ? null : Number(s.points) })),
    };
  });
}

/**
 * GET /api/public/results?year= (public): the portal's one query (the public part kept beside
 * the latest completed publication of the call of the year, in Hungarian). A publication frozen
 * before that part was kept has it made from its snapshot, as the portal does. No framework, no DTO.
 */
async function publicResults(url) {
  const year = Number(url.searchParams.get('year'));
  const { rows } = await pool.query(
    `SELECT p.id, p.public_results -> $1::text AS results FROM publication p
      WHERE p.call_id = (SELECT c.id FROM call c JOIN programme pr ON pr.id = c.programme_id
                          WHERE pr.code = 'logy' AND c.year = $2 AND c.results_published_at IS NOT NULL)
        AND p.status = 'completed' AND p.snapshot IS NOT NULL
      ORDER BY p.version DESC LIMIT 1`,
    ['hu', year],
  );
  if (!rows[0]) throw new HttpError(404, 'NOT_FOUND');
  if (rows[0].results) return rows[0].results;
  const { rows: frozen } = await pool.query(`SELECT snapshot FROM publication WHERE id = $1`, [rows[0].id]);
  return buildPublicResults(frozen[0].snapshot, 'hu');
}

/**
 * POST /api/calls/:id/publications (publish): what a publication costs at the least — the
 * outcome mails' recipients in one query (each approved, active member of each submitted
 * application's municipality, as the worker finds them), then one mail each through nodemailer
 * to the same SMTP server, a new connection per mail and 4 at a time as the worker's mail queue
 * sends (or, with `pool`, over 4 kept connections). No snapshot, no PDF, no ledger, no queue.
 * Answers when every mail was accepted, with each one's time from the start.
 */
async function sendOutcomeMails(callId, body) {
  // the bench's own SMTP server only: loopback
  if (!/^smtp:\/\/127\.0\.0\.1:\d+$/.test(body.smtpUrl ?? '')) throw new HttpError(400, 'SMTP_URL_NOT_LOOPBACK');
  const started = performance.now();
  const { rows } = await pool.query(
    `SELECT a.id, m.name AS municipality, s.content ->> 'title' AS title, u.id AS user_id, u.email, u.name
       FROM application a
       JOIN municipality m ON m.ksh_code = a.municipality_ksh
       JOIN LATERAL (SELECT content FROM application_submission s WHERE s.application_id = a.id
                      ORDER BY s.number DESC LIMIT 1) s ON true
       JOIN membership ms ON ms.municipality_ksh = a.municipality_ksh AND ms.status = 'approved'
       JOIN app_user u ON u.id = ms.user_id AND u.is_active
      WHERE a.call_id = $1 AND a.status = 'submitted'
      ORDER BY a.id, u.id`,
    [callId],
  );
  const concurrency = body.concurrency ?? 4;
  const transport = nodemailer.createTransport(
    body.pool ? { url: body.smtpUrl, pool: true, maxConnections: concurrency } : { url: body.smtpUrl },
  );
  const prefix = body.pool ? 'baseline-pooled' : 'baseline';
  const times = new Array(rows.length);
  let index = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (index < rows.length) {
        const i = index++;
        const r = rows[i];
        const text = `Tisztelt ${r.name}!\n\n${r.municipality} „${r.title}” című pályázatának eredménye: nem részesült díjban.\n`;
        await transport.sendMail({
          from: 'LÖGY portál <noreply@logy.localhost>',
          to: { name: r.name, address: r.email },
          subject: 'A LÖGY pályázat eredménye',
          text,
          html: `<p>${text.replace(/\n/g, '<br>')}</p>`,
          messageId: `<${prefix}-${r.id}-${r.user_id}@bench.localhost>`,
        });
        times[i] = performance.now() - started;
      }
    }),
  );
  transport.close();
  return { mails: rows.length, ms: performance.now() - started, times };
}

function sendJson(res, value, status = 200) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(body);
}

http
  .createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      const ranking = RANKING.exec(url.pathname);
      let match;
      if (url.pathname === '/api/municipalities') {
        sendJson(res, await searchMunicipalities(url));
      } else if (ranking) {
        sendJson(res, await roundAggregates(ranking[1], url));
      } else if (req.method === 'PATCH' && (match = APPLICATION.exec(url.pathname))) {
        sendJson(res, await saveDraft(match[1], await readJson(req)));
      } else if (req.method === 'POST' && (match = SUBMIT.exec(url.pathname))) {
        const result = await submitApplication(match[1], await readJson(req));
        sendJson(res, result.body, result.status);
      } else if (req.method === 'PUT' && (match = SCORECARD.exec(url.pathname))) {
        sendJson(res, await saveScorecard(match[1], await readJson(req)));
      } else if (url.pathname === '/api/public/results') {
        sendJson(res, await publicResults(url));
      } else if (req.method === 'POST' && (match = PUBLICATIONS.exec(url.pathname))) {
        sendJson(res, await sendOutcomeMails(match[1], await readJson(req)));
      } else if (url.pathname === '/health') {
        res.end('ok');
      } else {
        res.writeHead(404);
        res.end();
      }
    } catch (error) {
      if (error instanceof HttpError) {
        sendJson(res, { error: { code: error.message } }, error.status);
      } else {
        res.writeHead(500);
        res.end(String(error));
      }
    }
  })
  .listen(port, '127.0.0.1');
