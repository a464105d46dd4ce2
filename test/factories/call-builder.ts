import type { DataSource } from 'typeorm';

/**
 * Calls for the calls e2e tests: drafts or announced, any phases, numbered themes, criteria
 * and questions. (test/factories/calls.ts builds announced calls with applications in mind.)
 */

export interface CallPhasesIso {
  submissionOpensAt: string;
  submissionClosesAt: string;
  scoringClosesAt: string;
  resultsAt: string;
}

export interface BuildCallOptions {
  year?: number;
  /** Default: a draft. */
  announcedAt?: string | null;
  scoringStartedAt?: string | null;
  /** Default: around the real time (phasesAround(new Date())). */
  phases?: Partial<CallPhasesIso>;
  themes?: number;
  criteria?: number;
  questions?: number;
  titleHu?: string;
}

export interface BuiltCall {
  id: string;
  year: number;
  themeIds: string[];
  criterionIds: string[];
  questionIds: string[];
}

/** Phases around a given instant: open a month before it, close a month after, then scoring and results. */
export function phasesAround(now: Date | string): CallPhasesIso {
  const at = new Date(now).getTime();
  const day = 86_400_000;
  return {
    submissionOpensAt: new Date(at - 30 * day).toISOString(),
    submissionClosesAt: new Date(at + 30 * day).toISOString(),
    scoringClosesAt: new Date(at + 60 * day).toISOString(),
    resultsAt: new Date(at + 75 * day).toISOString(),
  };
}

/**
 * `count` distinct years (ascending) that no call of the programme has yet, from 2100–2999
 * (clear of the demo's 2020, 2021 and 2027): calls are unique per programme and year.
 */
export async function freeYears(dataSource: DataSource, count: number): Promise<number[]> {
  const rows: Array<{ year: number }> = await dataSource.query(
    `SELECT y AS year FROM generate_series(2100, 2999) AS y
      WHERE NOT EXISTS (SELECT 1 FROM call WHERE year = y)
      ORDER BY random() LIMIT $1`,
    [count],
  );
  return rows.map((r) => r.year).sort((a, b) => a - b);
}

export async function freeYear(dataSource: DataSource): Promise<number> {
  return (await freeYears(dataSource, 1))[0];
}

/** A call of the LÖGY programme written straight into this run's database, with numbered content. */
export async function buildCall(dataSource: DataSource, options: BuildCallOptions = {}): Promise<BuiltCall> {
  const year = options.year ?? (await freeYear(dataSource));
  const phases = { ...phasesAround(new Date()), ...options.phases };
  const [call]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO call (programme_id, year, title_hu, title_en, description_hu, description_en,
                       submission_opens_at, submission_closes_at, scoring_closes_at, results_at,
                       announced_at, scoring_started_at)
     SELECT id, $1, $2, $3, 'Leírás', 'Description', $4, $5, $6, $7, $8, $9 FROM programme WHERE code = 'logy'
     RETURNING id`,
    [
      year,
      options.titleHu ?? `Teszt felhívás ${year}`,
      `Test call ${year}`,
      phases.submissionOpensAt,
      phases.submissionClosesAt,
      phases.scoringClosesAt,
      phases.resultsAt,
      options.announcedAt ?? null,
      options.scoringStartedAt ?? null,
    ],
  );
  const ids = async (count: number, sql: string): Promise<string[]> => {
    const out: string[] = [];
    for (let position = 1; position <= count; position++) {
      const [row]: Array<{ id: string }> = await dataSource.query(sql, [call.id, position, String(position)]);
      out.push(row.id);
    }
    return out;
  };
  return {
    id: call.id,
    year,
    themeIds: await ids(
      options.themes ?? 0,
      `INSERT INTO call_theme (call_id, position, title_hu, title_en, description_hu, description_en)
       VALUES ($1, $2, 'Témakör ' || $3, 'Theme ' || $3, '', '') RETURNING id`,
    ),
    criterionIds: await ids(
      options.criteria ?? 0,
      `INSERT INTO call_criterion (call_id, position, name_hu, name_en, guidance_hu, guidance_en, weight, max_points)
       VALUES ($1, $2, 'Szempont ' || $3, 'Criterion ' || $3, '', '', 1, 10) RETURNING id`,
    ),
    questionIds: await ids(
      options.questions ?? 0,
      `INSERT INTO call_question (call_id, position, label_hu, label_en, kind, required)
       VALUES ($1, $2, 'Kérdés ' || $3, 'Question ' || $3, 'short_text', false) RETURNING id`,
    ),
  };
}
