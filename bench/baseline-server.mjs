// The raw baseline: a bare node:http server doing the same SQL as the portal through pg.
import http from 'node:http';
import pg from 'pg';
import { createRequire } from 'node:module';

// the portal's own SQL text, so the baseline can never drift from it
const { ROUND_SCORES_SQL } = createRequire(import.meta.url)('../dist/libs/jury/src/round-scores.sql.js');

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

function sendJson(res, value) {
  const body = JSON.stringify(value);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(body);
}

http
  .createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      const ranking = RANKING.exec(url.pathname);
      if (url.pathname === '/api/municipalities') {
        sendJson(res, await searchMunicipalities(url));
      } else if (ranking) {
        sendJson(res, await roundAggregates(ranking[1], url));
      } else if (url.pathname === '/health') {
        res.end('ok');
      } else {
        res.writeHead(404);
        res.end();
      }
    } catch (error) {
      res.writeHead(500);
      res.end(String(error));
    }
  })
  .listen(port, '127.0.0.1');
