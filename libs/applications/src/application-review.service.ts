import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { AuditService } from '@portal/audit';
import { Call, CallTheme, callStatus } from '@portal/calls';
import {
  BUDAPEST_ZONE,
  Clock,
  DomainError,
  ErrorCode,
  FieldProblems,
  ForbiddenError,
  Lang,
  NotFoundError,
} from '@portal/core';
import { Transactions, Tx } from '@portal/database';
import { toCsv } from '@portal/documents';
import type { SessionUser } from '@portal/identity';
import { MailService } from '@portal/mail';
import { Municipality } from '@portal/municipalities';
import { Application, type ApplicationStatus, type FormalCheckResult } from './application.entity';
import { ApplicationDetail, ApplicationsService, canSeeAllApplications, requestTime } from './applications.service';
import { formatBudapestTime } from './budapest-format';

export interface Reopening {
  /** Told to the municipality's staff. */
  reason: string;
  /**
   * The deadline of the resubmission for this application (exclusive). Optional while the
   * municipality's deadline has not passed (then that one applies); required after it.
   */
  closesAt?: Date;
}

export interface FormalCheckInput {
  result: FormalCheckResult;
  /** Required when ineligible (e-mailed to the municipality); an optional note when eligible. */
  reason?: string | null;
}

export interface ApplicationsCsv {
  fileName: string;
  content: string;
}

const CSV_STATUS: Record<ApplicationStatus, string> = {
  draft: 'piszkozat',
  submitted: 'beadott',
  withdrawn: 'visszavont',
};

const CSV_FORMAL_CHECK: Record<FormalCheckResult, string> = {
  eligible: 'megfelelő',
  ineligible: 'nem megfelelő',
};

const CSV_HEADER = [
  'Azonosító',
  'Település',
  'KSH-kód',
  'Vármegye',
  'Lakónépesség',
  'Témakör',
  'Cím',
  'Állapot',
  'Beadva (budapesti idő)',
  'Beadás sorszáma',
  'SHA-256',
  'Formai ellenőrzés',
  'Indoklás',
];

/**
 * What coordinators (and admins) do with submitted applications: reopen one for
 * correction, the formal check after the deadline, and the CSV export of a call. Every
 * method starts with its access check; every change is audited in its transaction.
 */
@Injectable()
export class ApplicationReviewService {
  private readonly logger = new Logger(ApplicationReviewService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly applications: ApplicationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Sends a submitted application back to draft for correction, while the call is open or
   * closed (not once scoring has started). The submission snapshots and receipts stay; the
   * next submit makes the next number. The resubmission deadline is `closesAt` when given,
   * else the municipality's (the call's, or its extension); once that has passed a reopening
   * must name `closesAt`, so a reopened application can always be submitted again. An
   * earlier formal check is cleared (the corrected application is checked again).
   */
  async reopen(actor: SessionUser, id: string, input: Reopening): Promise<ApplicationDetail> {
    if (!canSeeAllApplications(actor)) throw new ForbiddenError();
    const now = this.clock.now();
    const reason = input.reason.trim();
    if (!reason) throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, { reason: { key: 'validation.isNotEmpty' } });
    return this.tx.run(async (tx) => {
      const { manager } = tx;
      const application = await this.applications.visible(manager, actor, id, true);
      this.applications.assertStatus(application, ['submitted']);
      const call = await manager.findOneByOrFail(Call, { id: application.callId });
      this.assertBeforeScoring(call, now);
      const municipalityDeadline = await this.applications.closingFor(manager, call, application.municipalityKsh);
      const fields: FieldProblems = {};
      if (input.closesAt) {
        if (input.closesAt.getTime() <= now.getTime()) fields.closesAt = { key: 'fields.mustBeInFuture' };
        else if (input.closesAt.getTime() >= call.scoringClosesAt.getTime()) {
          fields.closesAt = {
            key: 'fields.beforeScoringCloses',
            args: { scoringClosesAt: requestTime(call.scoringClosesAt) },
          };
        }
      } else if (now.getTime() >= municipalityDeadline.getTime()) {
        fields.closesAt = { key: 'fields.correctionDeadlineRequired' };
      }
      if (Object.keys(fields).length) throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, fields);

      const formalCheckBefore = application.formalCheck;
      application.status = 'draft';
      application.correctionClosesAt = input.closesAt ?? null;
      application.formalCheck = null;
      application.formalCheckReason = null;
      application.formalCheckedAt = null;
      application.formalCheckedBy = null;
      application.version += 1;
      application.updatedAt = now;
      application.updatedBy = actor.id;
      await manager.save(Application, application);
      const deadline = await this.applications.closingFor(manager, call, application.municipalityKsh, application);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'application.reopened',
        targetType: 'application',
        targetId: application.id,
        changes: {
          status: { from: 'submitted', to: 'draft' },
          reason,
          correctionClosesAt: application.correctionClosesAt?.toISOString() ?? null,
          deadline: deadline.toISOString(),
          ...(formalCheckBefore ? { formalCheck: { from: formalCheckBefore, to: null } } : {}),
          version: { from: application.version - 1, to: application.version },
        },
      });
      await this.mailStaff(tx, application, call, 'application-reopened', (lang) => ({
        reason,
        deadline: formatBudapestTime(deadline, lang),
      }));
      return this.applications.detail(manager, application);
    });
  }

  /**
   * Records the formal check of a submitted application: from the call's deadline until
   * scoring starts (409 FORMAL_CHECK_NOT_OPEN otherwise), changeable in that time, each
   * change audited. An ineligible result (or a new reason for one) is e-mailed to the
   * municipality's staff. The same result with the same reason again changes nothing.
   */
  async formalCheck(actor: SessionUser, id: string, input: FormalCheckInput): Promise<ApplicationDetail> {
    if (!canSeeAllApplications(actor)) throw new ForbiddenError();
    const reason = input.reason?.trim() || null;
    if (input.result === 'ineligible' && !reason) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        {},
        { reason: { key: 'fields.reasonRequiredWhenIneligible' } },
      );
    }
    const now = this.clock.now();
    return this.tx.run(async (tx) => {
      const { manager } = tx;
      const application = await this.applications.visible(manager, actor, id, true);
      const call = await manager.findOneByOrFail(Call, { id: application.callId });
      const status = callStatus(call, now);
      if (status !== 'closed') {
        throw new DomainError(
          ErrorCode.FORMAL_CHECK_NOT_OPEN,
          { deadline: requestTime(call.submissionClosesAt) },
          undefined,
          { callStatus: status },
        );
      }
      this.applications.assertStatus(application, ['submitted']);
      if (application.formalCheck === input.result && application.formalCheckReason === reason) {
        return this.applications.detail(manager, application);
      }
      const before = { result: application.formalCheck, reason: application.formalCheckReason };
      application.formalCheck = input.result;
      application.formalCheckReason = reason;
      application.formalCheckedAt = now;
      application.formalCheckedBy = actor.id;
      await manager.save(Application, application);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'application.formal_checked',
        targetType: 'application',
        targetId: application.id,
        changes: {
          formalCheck: { from: before.result, to: input.result },
          reason: { from: before.reason, to: reason },
        },
      });
      if (input.result === 'ineligible') {
        await this.mailStaff(tx, application, call, 'application-ineligible', () => ({ reason: reason ?? '' }));
      }
      return this.applications.detail(manager, application);
    });
  }

  /**
   * Every application of a call (drafts and withdrawn ones too, with their status), one row
   * each, ordered by theme and municipality: UTF-8 with BOM, `;`, cells that a spreadsheet
   * would run as a formula neutralised. Submitted-at, number and SHA-256 are the latest
   * submission's (empty when never submitted); times in Budapest time.
   */
  async exportCsv(viewer: SessionUser, callId: string): Promise<ApplicationsCsv> {
    if (!canSeeAllApplications(viewer)) throw new ForbiddenError();
    const call = await this.dataSource.manager.findOneBy(Call, { id: callId });
    if (!call) throw new NotFoundError('call');
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT a.id, a.status, a.title, a.formal_check, a.formal_check_reason,
              m.name AS municipality_name, m.ksh_code, m.county, m.population, t.title_hu AS theme_title_hu,
              s.number AS submission_number, s.received_at, s.sha256
         FROM application a
         JOIN call_theme t ON t.id = a.theme_id
         JOIN municipality m ON m.ksh_code = a.municipality_ksh
         LEFT JOIN LATERAL (
           SELECT number, received_at, sha256 FROM application_submission
            WHERE application_id = a.id ORDER BY number DESC LIMIT 1
         ) s ON true
        WHERE a.call_id = $1
        ORDER BY t.position, m.name, a.id`,
      [call.id],
    );
    const content = toCsv(
      CSV_HEADER,
      rows.map((r) => [
        r.id as string,
        r.municipality_name as string,
        r.ksh_code as string,
        r.county as string,
        r.population as number,
        r.theme_title_hu as string,
        r.title as string,
        CSV_STATUS[r.status as ApplicationStatus],
        r.received_at ? budapestCell(r.received_at as Date) : '',
        (r.submission_number as number | null) ?? '',
        (r.sha256 as string | null) ?? '',
        r.formal_check ? CSV_FORMAL_CHECK[r.formal_check as FormalCheckResult] : '',
        (r.formal_check_reason as string | null) ?? '',
      ]),
    );
    return { fileName: `palyazatok-${call.year}.csv`, content };
  }

  /** Scoring (and what follows) freezes the applications: no more reopening. */
  private assertBeforeScoring(call: Call, now: Date): void {
    const status = callStatus(call, now);
    if (status !== 'open' && status !== 'closed') throw new DomainError(ErrorCode.CALL_WRONG_STATUS, { status });
  }

  /** One mail to every approved, active member of the application's municipality, in their language. */
  private async mailStaff(
    tx: Tx,
    application: Application,
    call: Call,
    template: 'application-reopened' | 'application-ineligible',
    extra: (lang: Lang) => Record<string, string>,
  ): Promise<void> {
    const { manager } = tx;
    const theme = await manager.findOneByOrFail(CallTheme, { id: application.themeId });
    const municipality = await manager.findOneByOrFail(Municipality, { kshCode: application.municipalityKsh });
    const staff = await this.applications.staffOf(manager, application.municipalityKsh);
    // one decision, one mail per person (a retried transaction starts over with a new key)
    const decision = randomUUID();
    for (const person of staff) {
      const hu = person.language === 'hu';
      await this.mail.send(tx, {
        to: person.email,
        toName: person.name,
        lang: person.language,
        template,
        params: {
          name: person.name,
          municipality: municipality.name,
          call: hu ? call.titleHu : call.titleEn,
          theme: hu ? theme.titleHu : theme.titleEn,
          title: application.title,
          ...extra(person.language),
        },
        dedupeKey: `${template}:${application.id}:${decision}:${person.id}`,
      });
    }
    this.logger.log(`application ${application.id}: ${template}, ${staff.length} mail(s)`);
  }
}

/** "2026-03-31 23:58:59": Budapest wall time, as a spreadsheet reads a date and time. */
function budapestCell(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: BUDAPEST_ZONE }).toFormat('yyyy-MM-dd HH:mm:ss');
}
