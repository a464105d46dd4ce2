import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Call } from '@portal/calls';
import { ForbiddenError, NotFoundError } from '@portal/core';
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

/** Counts of a call's applications for the coordinators' dashboards: one query per breakdown. */
@Injectable()
export class ApplicationStatisticsService {
  constructor(private readonly dataSource: DataSource) {}

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
