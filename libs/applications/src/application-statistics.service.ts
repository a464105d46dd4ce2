import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Call, callStatus, type CallStatus } from '@portal/calls';
import { Clock, ForbiddenError, NotFoundError, offsetOf, type Page, pageOf, type PageQueryDto } from '@portal/core';
import type { SessionUser } from '@portal/identity';
import { COUNTIES, type County } from '@portal/municipalities';
import { APPLICATION_STATUSES, type ApplicationStatus } from './application.entity';
import { canSeeAllApplications } from './applications.service';

export interface ThemeCount {
  themeId: string;
  position: number;
  titleHu: string;
  titleEn: string;
  submitted: number;
}

export interface CountyCount {
  county: County;
  submitted: number;
}

export interface StatusCount {
  status: ApplicationStatus;
  count: number;
}

export interface CallStatistics {
  callId: string;
  /** Applications in status `submitted`. */
  submitted: number;
  /** Submitted applications per current theme, in the themes' order (zeros included). */
  byTheme: ThemeCount[];
  /** Submitted applications per county, every county and Budapest (zeros included). */
  byCounty: CountyCount[];
  /** Every application of the call per status (zeros included). */
  byStatus: StatusCount[];
}

/** A current call (not yet published) with its key numbers, for the coordinators' overview. */
export interface CallOverview {
  id: string;
  year: number;
  titleHu: string;
  titleEn: string;
  status: CallStatus;
  submissionOpensAt: Date;
  submissionClosesAt: Date;
  /** Applications per status. */
  draft: number;
  submitted: number;
  withdrawn: number;
  /** Submitted applications by the formal check's result (pending: not checked yet). */
  eligible: number;
  ineligible: number;
  pendingCheck: number;
}

/** Counts of a call's applications for the coordinators' dashboards: one query per breakdown. */
@Injectable()
export class ApplicationStatisticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The current calls (every call whose results are not published yet, drafts included),
   * newest year first, each with its applications counted per status and formal check: one
   * query for the page and one for the total, however many calls.
   */
  async currentCalls(viewer: SessionUser, page: PageQueryDto): Promise<Page<CallOverview>> {
    if (!canSeeAllApplications(viewer)) throw new ForbiddenError();
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM call WHERE results_published_at IS NULL`,
    );
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        year: number;
        title_hu: string;
        title_en: string;
        announced_at: Date | null;
        submission_opens_at: Date;
        submission_closes_at: Date;
        scoring_started_at: Date | null;
        decided_at: Date | null;
        draft: number;
        submitted: number;
        withdrawn: number;
        eligible: number;
        ineligible: number;
        pending_check: number;
      }>
    >(
      `SELECT c.id, c.year, c.title_hu, c.title_en, c.announced_at, c.submission_opens_at, c.submission_closes_at,
              c.scoring_started_at, c.decided_at,
              count(a.id) FILTER (WHERE a.status = 'draft')::int AS draft,
              count(a.id) FILTER (WHERE a.status = 'submitted')::int AS submitted,
              count(a.id) FILTER (WHERE a.status = 'withdrawn')::int AS withdrawn,
              count(a.id) FILTER (WHERE a.status = 'submitted' AND a.formal_check = 'eligible')::int AS eligible,
              count(a.id) FILTER (WHERE a.status = 'submitted' AND a.formal_check = 'ineligible')::int AS ineligible,
              count(a.id) FILTER (WHERE a.status = 'submitted' AND a.formal_check IS NULL)::int AS pending_check
         FROM call c
         LEFT JOIN application a ON a.call_id = c.id
        WHERE c.results_published_at IS NULL
        GROUP BY c.id
        ORDER BY c.year DESC, c.id
       OFFSET $1 LIMIT $2`,
      [offsetOf(page), page.pageSize],
    );
    const now = this.clock.now();
    const items = rows.map((row) => ({
      id: row.id,
      year: row.year,
      titleHu: row.title_hu,
      titleEn: row.title_en,
      status: callStatus(
        {
          announcedAt: row.announced_at,
          submissionOpensAt: row.submission_opens_at,
          submissionClosesAt: row.submission_closes_at,
          scoringStartedAt: row.scoring_started_at,
          decidedAt: row.decided_at,
          resultsPublishedAt: null,
        },
        now,
      ),
      submissionOpensAt: row.submission_opens_at,
      submissionClosesAt: row.submission_closes_at,
      draft: row.draft,
      submitted: row.submitted,
      withdrawn: row.withdrawn,
      eligible: row.eligible,
      ineligible: row.ineligible,
      pendingCheck: row.pending_check,
    }));
    return pageOf(items, total, page);
  }

  async ofCall(viewer: SessionUser, callId: string): Promise<CallStatistics> {
    if (!canSeeAllApplications(viewer)) throw new ForbiddenError();
    const call = await this.dataSource.manager.findOneBy(Call, { id: callId });
    if (!call) throw new NotFoundError('call');

    const themes: Array<{ id: string; position: number; title_hu: string; title_en: string; submitted: number }> =
      await this.dataSource.query(
        `SELECT t.id, t.position, t.title_hu, t.title_en, count(a.id)::int AS submitted
           FROM call_theme t
           LEFT JOIN application a ON a.theme_id = t.id AND a.call_id = t.call_id AND a.status = 'submitted'
          WHERE t.call_id = $1 AND t.removed_at IS NULL
          GROUP BY t.id
          ORDER BY t.position, t.id`,
        [call.id],
      );
    const counties: Array<{ county: County; submitted: number }> = await this.dataSource.query(
      `SELECT c.county, count(x.id)::int AS submitted
         FROM unnest($2::text[]) WITH ORDINALITY AS c(county, ord)
         LEFT JOIN (
           SELECT a.id, m.county FROM application a
             JOIN municipality m ON m.ksh_code = a.municipality_ksh
            WHERE a.call_id = $1 AND a.status = 'submitted'
         ) x ON x.county = c.county
        GROUP BY c.county, c.ord
        ORDER BY c.ord`,
      [call.id, COUNTIES],
    );
    const statuses: Array<{ status: ApplicationStatus; count: number }> = await this.dataSource.query(
      `SELECT s.status, count(a.id)::int AS count
         FROM unnest($2::text[]) WITH ORDINALITY AS s(status, ord)
         LEFT JOIN application a ON a.call_id = $1 AND a.status = s.status
        GROUP BY s.status, s.ord
        ORDER BY s.ord`,
      [call.id, APPLICATION_STATUSES],
    );

    return {
      callId: call.id,
      submitted: statuses.find((row) => row.status === 'submitted')?.count ?? 0,
      byTheme: themes.map((row) => ({
        themeId: row.id,
        position: row.position,
        titleHu: row.title_hu,
        titleEn: row.title_en,
        submitted: row.submitted,
      })),
      byCounty: counties,
      byStatus: statuses,
    };
  }
}
