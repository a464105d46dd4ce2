import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ApplicationStatus, FormalCheckResult } from '@portal/applications';
import { callStatus, callStatusSql, type CallStatus } from '@portal/calls';
import { Clock, type Lang } from '@portal/core';
import type { SessionUser } from '@portal/identity';

/** What the list of an applicant's applications shows of a published outcome. */
export interface OverviewOutcome {
  /** Whether the publication includes the application (submitted and evaluated). */
  inResults: boolean;
  awarded: boolean;
  levelCode: string | null;
  /** The award level's name in the caller's language. */
  level: string | null;
}

export interface OverviewApplication {
  id: string;
  callId: string;
  callYear: number;
  callTitleHu: string;
  callTitleEn: string;
  callStatus: CallStatus;
  themeId: string;
  themeTitleHu: string;
  themeTitleEn: string;
  municipalityKsh: string;
  municipalityName: string;
  status: ApplicationStatus;
  title: string | null;
  updatedAt: Date;
  submittedAt: Date | null;
  formalCheck: FormalCheckResult | null;
  /** Null until the call's results are published. */
  outcome: OverviewOutcome | null;
}

export interface OverviewOpenCall {
  id: string;
  year: number;
  titleHu: string;
  titleEn: string;
  submissionClosesAt: Date;
  maxApplicationsPerMunicipality: number | null;
  themes: Array<{ id: string; titleHu: string; titleEn: string }>;
}

export interface ApplicantOverview {
  applications: OverviewApplication[];
  openCalls: OverviewOpenCall[];
}

/**
 * The municipal staff's page of applications in one answer: their approved municipalities'
 * applications with the call, the status and the published outcome, and the calls open for
 * a new application with their themes. Three queries whatever the number of applications.
 */
@Injectable()
export class ApplicantOverviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** `callId` keeps the applications of that call only (the open calls are listed whatever it is). */
  async overview(viewer: SessionUser, lang: Lang, callId?: string): Promise<ApplicantOverview> {
    const now = this.clock.now();
    const [applications, openCalls] = await Promise.all([this.applications(viewer, now, callId), this.openCalls(now)]);
    const outcomes = await this.outcomes(
      applications.filter((application) => application.callStatus === 'published'),
      lang,
    );
    for (const application of applications) application.outcome = outcomes.get(application.id) ?? null;
    return { applications, openCalls };
  }

  /** The applications of the viewer's approved municipalities, last changed first. */
  private async applications(viewer: SessionUser, now: Date, callId?: string): Promise<OverviewApplication[]> {
    if (viewer.municipalities.length === 0) return [];
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        call_id: string;
        year: number;
        call_title_hu: string;
        call_title_en: string;
        announced_at: Date | null;
        submission_opens_at: Date;
        submission_closes_at: Date;
        scoring_started_at: Date | null;
        decided_at: Date | null;
        results_published_at: Date | null;
        theme_id: string;
        theme_title_hu: string;
        theme_title_en: string;
        municipality_ksh: string;
        municipality_name: string;
        status: ApplicationStatus;
        title: string | null;
        updated_at: Date;
        submitted_at: Date | null;
        formal_check: FormalCheckResult | null;
      }>
    >(
      `SELECT a.id, a.call_id, c.year, c.title_hu AS call_title_hu, c.title_en AS call_title_en,
              c.announced_at, c.submission_opens_at, c.submission_closes_at, c.scoring_started_at,
              c.decided_at, c.results_published_at,
              a.theme_id, t.title_hu AS theme_title_hu, t.title_en AS theme_title_en,
              a.municipality_ksh, m.name AS municipality_name,
              a.status, a.title, a.updated_at, a.submitted_at, a.formal_check
         FROM application a
         JOIN call c ON c.id = a.call_id
         JOIN call_theme t ON t.id = a.theme_id
         JOIN municipality m ON m.ksh_code = a.municipality_ksh
        WHERE a.municipality_ksh = ANY($1::text[]) AND ($2::uuid IS NULL OR a.call_id = $2::uuid)
        ORDER BY a.updated_at DESC, a.id`,
      [viewer.municipalities, callId ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      callId: r.call_id,
      callYear: r.year,
      callTitleHu: r.call_title_hu,
      callTitleEn: r.call_title_en,
      callStatus: callStatus(
        {
          announcedAt: r.announced_at,
          submissionOpensAt: r.submission_opens_at,
          submissionClosesAt: r.submission_closes_at,
          scoringStartedAt: r.scoring_started_at,
          decidedAt: r.decided_at,
          resultsPublishedAt: r.results_published_at,
        },
        now,
      ),
      themeId: r.theme_id,
      themeTitleHu: r.theme_title_hu,
      themeTitleEn: r.theme_title_en,
      municipalityKsh: r.municipality_ksh,
      municipalityName: r.municipality_name,
      status: r.status,
      title: r.title,
      updatedAt: r.updated_at,
      submittedAt: r.submitted_at,
      formalCheck: r.formal_check,
      outcome: null,
    }));
  }

  /** Announced calls accepting submissions now (opens ≤ now < closes), soonest deadline first, with their themes. */
  private async openCalls(now: Date): Promise<OverviewOpenCall[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        year: number;
        title_hu: string;
        title_en: string;
        submission_closes_at: Date;
        max_applications_per_municipality: number | null;
        themes: Array<{ id: string; titleHu: string; titleEn: string }>;
      }>
    >(
      `SELECT c.id, c.year, c.title_hu, c.title_en, c.submission_closes_at, c.max_applications_per_municipality,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('id', t.id, 'titleHu', t.title_hu, 'titleEn', t.title_en)
                                         ORDER BY t.position, t.id)
                          FROM call_theme t WHERE t.call_id = c.id AND t.removed_at IS NULL), '[]'::jsonb) AS themes
         FROM call c
        WHERE ${callStatusSql('c', '$1')} = 'open' AND c.submission_opens_at <= $1
        ORDER BY c.submission_closes_at, c.id`,
      [now],
    );
    return rows.map((r) => ({
      id: r.id,
      year: r.year,
      titleHu: r.title_hu,
      titleEn: r.title_en,
      submissionClosesAt: r.submission_closes_at,
      maxApplicationsPerMunicipality: r.max_applications_per_municipality,
      themes: r.themes,
    }));
  }

  /**
   * The outcomes of applications of published calls, from each call's latest completed
   * publication (what the outcome mail and GET /api/applications/:id/outcome say), in one query.
   */
  private async outcomes(
    applications: Array<{ id: string; callId: string }>,
    lang: Lang,
  ): Promise<Map<string, OverviewOutcome>> {
    if (applications.length === 0) return new Map();
    const rows = await this.dataSource.query<
      Array<{
        application_id: string;
        in_results: boolean;
        award: { level: string } | null;
        level: { nameHu: string; nameEn: string } | null;
      }>
    >(
      `WITH latest AS (
         SELECT DISTINCT ON (p.call_id) p.call_id, p.snapshot AS doc
           FROM publication p JOIN call c ON c.id = p.call_id AND c.results_published_at IS NOT NULL
          WHERE p.call_id = ANY($2::uuid[]) AND p.status = 'completed' AND p.snapshot IS NOT NULL
          ORDER BY p.call_id, p.version DESC)
       SELECT x.id AS application_id,
              EXISTS (SELECT 1 FROM jsonb_array_elements(l.doc -> 'applications') a
                       WHERE a ->> 'id' = x.id::text) AS in_results,
              w.award,
              (SELECT lv FROM jsonb_array_elements(l.doc -> 'awardLevels') lv
                WHERE lv ->> 'code' = w.award ->> 'level' LIMIT 1) AS level
         FROM unnest($1::uuid[], $2::uuid[]) AS x(id, call_id)
         JOIN latest l ON l.call_id = x.call_id
         LEFT JOIN LATERAL (SELECT aw AS award FROM jsonb_array_elements(l.doc -> 'decisions') d,
                                   jsonb_array_elements(d -> 'awards') aw
                             WHERE aw ->> 'applicationId' = x.id::text LIMIT 1) w ON true`,
      [applications.map((a) => a.id), applications.map((a) => a.callId)],
    );
    return new Map(
      rows.map((row) => [
        row.application_id,
        {
          inResults: row.in_results,
          awarded: row.award !== null,
          levelCode: row.award?.level ?? null,
          level: row.award ? ((lang === 'hu' ? row.level?.nameHu : row.level?.nameEn) ?? row.award.level) : null,
        },
      ]),
    );
  }
}
