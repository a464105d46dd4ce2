import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { newCall, type NewCallOptions, type TestCall } from './calls';
import { anyMunicipalities } from './municipalities';
import { newUser, type TestUser } from './users';

const DAY = 86_400_000;

export interface ScoringApplication {
  id: string;
  themeId: string;
  municipalityKsh: string;
  title: string;
}

export interface ScoringCall extends TestCall {
  applications: ScoringApplication[];
  /** The call's criteria (round 1 copies them). */
  criteria: Array<{ id: string; maxPoints: number }>;
  coordinator: TestUser;
}

export interface ScoringCallOptions {
  /** The clock's now: the submission deadline is 10 days before it, scoring started 5 days before. */
  now: Date;
  applications: number;
  /** Criteria of the call (default: Hatás 10 points, Fenntarthatóság 5 points). */
  criteria?: Array<{ nameHu: string; nameEn: string; weight: number; maxPoints: number; tieBreakOrder?: number }>;
  /** Partner organisation codes by application index. */
  partners?: Record<number, string[]>;
  /** Municipalities to use, in order (default: any distinct ones). */
  municipalityKsh?: string[];
  /** Extra questions of the call's form (default: none). */
  questions?: NewCallOptions['questions'];
  /** Answers by application index, then by question index. */
  answers?: Record<number, Record<number, string | number>>;
}

/**
 * A call whose scoring has started, with submitted, eligible applications (each with its
 * frozen submission), written straight into this run's database.
 */
export async function scoringCall(dataSource: DataSource, options: ScoringCallOptions): Promise<ScoringCall> {
  const closesAt = new Date(options.now.getTime() - 10 * DAY);
  const call = await newCall(dataSource, { closesAt, questions: options.questions });
  const coordinator = await newUser(dataSource, { roles: ['coordinator'], name: 'Koordinátor Őrs' });
  await dataSource.query(`DELETE FROM call_criterion WHERE call_id = $1`, [call.id]);
  const criteria = options.criteria ?? [
    { nameHu: 'Hatás', nameEn: 'Impact', weight: 2, maxPoints: 10, tieBreakOrder: 1 },
    { nameHu: 'Fenntarthatóság', nameEn: 'Sustainability', weight: 1, maxPoints: 5 },
  ];
  const madeCriteria: ScoringCall['criteria'] = [];
  for (const [index, c] of criteria.entries()) {
    const [row]: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO call_criterion (call_id, position, name_hu, name_en, guidance_hu, guidance_en, weight, max_points, tie_break_order)
       VALUES ($1, $2, $3, $4, '', '', $5, $6, $7) RETURNING id`,
      [call.id, index + 1, c.nameHu, c.nameEn, c.weight, c.maxPoints, c.tieBreakOrder ?? null],
    );
    madeCriteria.push({ id: row.id, maxPoints: c.maxPoints });
  }
  await dataSource.query(`UPDATE call SET scoring_started_at = $2 WHERE id = $1`, [
    call.id,
    new Date(options.now.getTime() - 5 * DAY),
  ]);
  const municipalities = options.municipalityKsh ?? anyMunicipalities(options.applications).map((m) => m.kshCode);
  const applications: ScoringApplication[] = [];
  const submittedAt = new Date(closesAt.getTime() - DAY);
  for (let i = 0; i < options.applications; i++) {
    const themeId = call.themes[i % call.themes.length].id;
    const municipalityKsh = municipalities[i % municipalities.length];
    const title = `Gyakorlat ${i + 1}: Árvíztűrő közösségi kert`;
    const content = {
      title,
      summary: `Összefoglaló ${i + 1}`,
      problem: 'Probléma',
      practice: 'Gyakorlat',
      results: 'Eredmények',
      costHuf: 1_000_000,
      communityParticipation: 'Részvétel',
      sustainability: 'Fenntarthatóság',
      adoption: 'Átvehetőség',
      startDate: '2019-01-01',
      ...(options.partners?.[i] ? { partnerOrganisations: options.partners[i] } : {}),
      ...(options.answers?.[i]
        ? {
            answers: Object.fromEntries(
              Object.entries(options.answers[i]).map(([index, value]) => [call.questions[Number(index)].id, value]),
            ),
          }
        : {}),
    };
    const [row]: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO application (call_id, theme_id, municipality_ksh, status, title, content, created_by, updated_by,
                                submitted_at, formal_check, formal_checked_at, formal_checked_by)
       VALUES ($1, $2, $3, 'submitted', $4, $5::jsonb, $6, $6, $7, 'eligible', $7, $6) RETURNING id`,
      [call.id, themeId, municipalityKsh, title, JSON.stringify(content), coordinator.id, submittedAt],
    );
    await dataSource.query(
      `INSERT INTO application_submission (application_id, number, content, attachments, sha256, received_at, submitted_by, receipt_storage_key)
       VALUES ($1, 1, $2::jsonb, '[]'::jsonb, $3, $4, $5, $6)`,
      [
        row.id,
        JSON.stringify(content),
        createHash('sha256').update(JSON.stringify(content)).digest('hex'),
        submittedAt,
        coordinator.id,
        `receipts/${randomUUID()}.pdf`,
      ],
    );
    // what the api would have recorded (test/invariants.ts: no state change without an audit row)
    await dataSource.query(
      `INSERT INTO audit_log (actor_id, action, target_type, target_id, changes)
       VALUES ($1, 'application.submitted', 'application', $2, $3::jsonb)`,
      [coordinator.id, row.id, JSON.stringify({ number: 1, source: 'test factory' })],
    );
    applications.push({ id: row.id, themeId, municipalityKsh, title });
  }
  return { ...call, applications, criteria: madeCriteria, coordinator };
}

/** A juror account (role juror, representing an organisation), optionally a member of a municipality. */
export async function newJuror(
  dataSource: DataSource,
  options: { organisationCode?: string; name?: string; municipalityKsh?: string; language?: 'hu' | 'en' } = {},
): Promise<TestUser> {
  const code = options.organisationCode ?? 'BM';
  const known = await dataSource.query<unknown[]>(`SELECT 1 FROM organisation WHERE code = $1`, [code]);
  if (!known.length) throw new Error(`newJuror: no organisation has the code ${code}`);
  return newUser(dataSource, {
    roles: ['juror'],
    organisationCode: options.organisationCode ?? 'BM',
    name: options.name ?? 'Zsűri Ödön',
    municipalityKsh: options.municipalityKsh,
    language: options.language,
  });
}

/** Puts jurors on a call's jury (straight into the database), declaration accepted unless told otherwise. */
export async function seatJurors(
  dataSource: DataSource,
  callId: string,
  jurors: TestUser[],
  options: { addedBy: string; declared?: boolean; themeIds?: (index: number) => string[] },
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, juror] of jurors.entries()) {
    const [row]: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO jury_member (call_id, user_id, organisation_id, theme_ids, declaration_accepted_at, added_by)
       SELECT $1, u.id, u.organisation_id, $3::uuid[], $4, $5 FROM app_user u WHERE u.id = $2 RETURNING id`,
      [
        callId,
        juror.id,
        options.themeIds?.(index) ?? [],
        options.declared === false ? null : new Date(),
        options.addedBy,
      ],
    );
    ids.push(row.id);
  }
  return ids;
}

/** One row of GET /api/rounds/:id/ranking as the tests read it. */
export interface RankingRowBody {
  applicationId: string;
  themeId: string;
  rank: number | null;
  score: number | null;
  jurors: number;
  totals: number[];
  flagged: boolean;
  [key: string]: unknown;
}

/**
 * A round's whole ranking as `agent` sees it, read page by page (100 rows a page) through the api; checks that every
 * page agrees on the total and that the rows add up to it.
 */
export async function wholeRanking(
  agent: { get(url: string): PromiseLike<{ status: number; body: unknown }> },
  roundId: string,
  filter = '',
): Promise<RankingRowBody[]> {
  const rows: RankingRowBody[] = [];
  for (let page = 1; ; page++) {
    const res = await agent.get(`/api/rounds/${roundId}/ranking?pageSize=100&page=${page}${filter}`);
    if (res.status !== 200) throw new Error(`ranking page ${page}: ${res.status} ${JSON.stringify(res.body)}`);
    const body = res.body as { items: RankingRowBody[]; total: number };
    rows.push(...body.items);
    if (body.items.length < 100) {
      if (rows.length !== body.total) throw new Error(`ranking: ${rows.length} rows, total ${body.total}`);
      return rows;
    }
  }
}
