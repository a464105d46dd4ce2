import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { budapestWallTimeToInstant, type WallTime } from '@portal/core';

export interface TestTheme {
  id: string;
  titleHu: string;
  titleEn: string;
}

export interface TestQuestion {
  id: string;
  kind: 'short_text' | 'long_text' | 'number' | 'date' | 'single_choice';
  required: boolean;
}

export interface TestCall {
  id: string;
  year: number;
  titleHu: string;
  titleEn: string;
  submissionOpensAt: Date;
  submissionClosesAt: Date;
  themes: TestTheme[];
  questions: TestQuestion[];
}

export interface NewCallOptions {
  /** The submission deadline (exclusive). Default: 2026-03-31 23:59 Budapest time. */
  closesAt?: Date;
  /** Default: 60 days before closing. */
  opensAt?: Date;
  /** Default true: announced the day before submission opens. */
  announced?: boolean;
  themes?: Array<{ titleHu: string; titleEn: string }>;
  questions?: Array<{
    kind: TestQuestion['kind'];
    required?: boolean;
    labelHu?: string;
    labelEn?: string;
    choices?: Array<{ value: string; hu: string; en: string }>;
  }>;
  maxApplicationsPerMunicipality?: number | null;
  /** The practice must have run since at least this day ('YYYY-MM-DD'). */
  practiceStartedAfter?: string;
  titleHu?: string;
  titleEn?: string;
}

const DAY = 86_400_000;

/** An instant from a Budapest wall time ("2026-03-29T03:30"), as the api reads a deadline without offset. */
export function budapest(wall: string): Date {
  const [date, time] = wall.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute, second] = time.split(':').map(Number);
  const parts: WallTime = { year, month, day, hour, minute, second: second ?? 0 };
  const instant = budapestWallTimeToInstant(parts);
  if (!instant) throw new Error(`${wall} does not exist in Budapest`);
  return instant;
}

/**
 * A call of the LÖGY programme written straight into this run's database: announced (open
 * while the clock is before its deadline) with themes and extra questions. Every call gets
 * its own year (the programme has one call a year), picked at random and retried.
 */
export async function newCall(dataSource: DataSource, options: NewCallOptions = {}): Promise<TestCall> {
  const closesAt = options.closesAt ?? budapest('2026-03-31T23:59');
  const opensAt = options.opensAt ?? new Date(closesAt.getTime() - 60 * DAY);
  const themes = options.themes ?? [
    { titleHu: 'Társadalmi felzárkózás – szegénység elleni küzdelem', titleEn: 'Social inclusion – fighting poverty' },
    { titleHu: 'Idősgondozás', titleEn: 'Elderly care' },
    { titleHu: 'Önkormányzati innovációk', titleEn: 'Municipal innovations' },
  ];
  const questions = options.questions ?? [];
  for (let attempt = 0; ; attempt++) {
    const year = randomInt(2100, 3000);
    const titleHu = options.titleHu ?? `Legjobb Önkormányzati Gyakorlatok ${year}`;
    const titleEn = options.titleEn ?? `Best Practices of Local Governments ${year}`;
    try {
      return await dataSource.transaction(async (manager) => {
        const [call]: Array<{ id: string }> = await manager.query(
          `INSERT INTO call (programme_id, year, title_hu, title_en, description_hu, description_en,
                             submission_opens_at, submission_closes_at, scoring_closes_at, results_at,
                             max_applications_per_municipality, announced_at, practice_started_after)
           SELECT id, $1, $2, $3, 'Leírás', 'Description', $4, $5, $6, $7, $8, $9, $10 FROM programme WHERE code = 'logy'
           RETURNING id`,
          [
            year,
            titleHu,
            titleEn,
            opensAt,
            closesAt,
            new Date(closesAt.getTime() + 30 * DAY),
            new Date(closesAt.getTime() + 60 * DAY),
            options.maxApplicationsPerMunicipality ?? null,
            options.announced === false ? null : new Date(opensAt.getTime() - DAY),
            options.practiceStartedAfter ?? null,
          ],
        );
        const madeThemes: TestTheme[] = [];
        for (const [index, theme] of themes.entries()) {
          const [row]: Array<{ id: string }> = await manager.query(
            `INSERT INTO call_theme (call_id, position, title_hu, title_en, description_hu, description_en)
             VALUES ($1, $2, $3, $4, '', '') RETURNING id`,
            [call.id, index + 1, theme.titleHu, theme.titleEn],
          );
          madeThemes.push({ id: row.id, ...theme });
        }
        await manager.query(
          `INSERT INTO call_criterion (call_id, position, name_hu, name_en, guidance_hu, guidance_en, weight, max_points)
           VALUES ($1, 1, 'Hatás', 'Impact', '', '', 1, 10)`,
          [call.id],
        );
        const madeQuestions: TestQuestion[] = [];
        for (const [index, question] of questions.entries()) {
          const [row]: Array<{ id: string }> = await manager.query(
            `INSERT INTO call_question (call_id, position, label_hu, label_en, kind, required, choices)
             VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING id`,
            [
              call.id,
              index + 1,
              question.labelHu ?? `Kérdés ${index + 1}`,
              question.labelEn ?? `Question ${index + 1}`,
              question.kind,
              question.required ?? false,
              question.kind === 'single_choice'
                ? JSON.stringify(
                    question.choices ?? [
                      { value: 'igen', hu: 'Igen', en: 'Yes' },
                      { value: 'nem', hu: 'Nem', en: 'No' },
                    ],
                  )
                : null,
            ],
          );
          madeQuestions.push({ id: row.id, kind: question.kind, required: question.required ?? false });
        }
        return {
          id: call.id,
          year,
          titleHu,
          titleEn,
          submissionOpensAt: opensAt,
          submissionClosesAt: closesAt,
          themes: madeThemes,
          questions: madeQuestions,
        };
      });
    } catch (error) {
      const constraint = (error as { driverError?: { constraint?: string } }).driverError?.constraint;
      if (constraint !== 'uq_call_programme_year' || attempt > 20) throw error;
    }
  }
}

/** A per-municipality deadline extension, as a coordinator would grant it. */
export async function newDeadlineExtension(
  dataSource: DataSource,
  input: { callId: string; municipalityKsh: string; closesAt: Date; grantedBy: string; revoked?: boolean },
): Promise<string> {
  const [row]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO deadline_extension (call_id, municipality_ksh, closes_at, reason, granted_by, revoked_at)
     VALUES ($1, $2, $3, 'Áramszünet a hivatalban', $4, $5) RETURNING id`,
    [input.callId, input.municipalityKsh, input.closesAt, input.grantedBy, input.revoked ? new Date() : null],
  );
  return row.id;
}
