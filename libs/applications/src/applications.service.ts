import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '@portal/audit';
import { Call, CallQuestion, CallTheme, isAcceptingSubmissions, Programme } from '@portal/calls';
import { Env } from '@portal/config';
import {
  Clock,
  currentLang,
  DomainError,
  ErrorCode,
  FieldProblems,
  ForbiddenError,
  Lang,
  NotFoundError,
  offsetOf,
  Page,
  pageOf,
  PageQueryDto,
  WEB_PATHS,
  webUrl,
} from '@portal/core';
import { Transactions, Tx } from '@portal/database';
import type { SessionUser } from '@portal/identity';
import { MailService } from '@portal/mail';
import { OutboxService, QUEUES } from '@portal/queue';
import { type County, type LegalStatus, Municipality } from '@portal/municipalities';
import { FileStorage } from '@portal/storage';
import {
  answerProblems,
  changedFields,
  ContentPatch,
  mergeContent,
  missingFields,
  submissionDigest,
  SubmittedAttachment,
} from './application-content';
import { ApplicationAttachment } from './application-attachment.entity';
import { ApplicationSubmission } from './application-submission.entity';
import { Application, ApplicationStatus, FormalCheckResult } from './application.entity';
import { formatBudapestTime } from './budapest-format';
import { DeadlineExtension } from './deadline-extension.entity';
import { renderReceipt } from './receipt';

export interface NewApplication {
  themeId: string;
  municipalityKsh: string;
}

export interface ApplicationChanges {
  /** The version the change was made on. */
  version: number;
  content: ContentPatch;
}

/** `pending`: submitted and not formally checked yet. */
export type FormalCheckFilter = FormalCheckResult | 'pending';

export interface ApplicationFilter {
  callId?: string;
  themeId?: string;
  status?: ApplicationStatus;
  municipalityKsh?: string;
  /** The municipality's county. */
  county?: County;
  /** The municipality's population, inclusive bounds. */
  sizeMin?: number;
  sizeMax?: number;
  legalStatus?: LegalStatus;
  formalCheck?: FormalCheckFilter;
}

/** An approved, active member of a municipality: who gets its applications' mails. */
export interface StaffMember {
  id: string;
  email: string;
  name: string;
  language: Lang;
}

export interface ApplicationRow {
  id: string;
  callId: string;
  themeId: string;
  themeTitleHu: string;
  themeTitleEn: string;
  municipalityKsh: string;
  municipalityName: string;
  county: County;
  population: number;
  legalStatus: LegalStatus;
  status: ApplicationStatus;
  version: number;
  title: string;
  updatedAt: Date;
  submittedAt: Date | null;
  formalCheck: FormalCheckResult | null;
  formalCheckReason: string | null;
}

/** What an application's answer shows of one of its attachments in force. */
export type AttachmentFacts = Pick<
  ApplicationAttachment,
  'id' | 'applicationId' | 'displayName' | 'kind' | 'mime' | 'sizeBytes' | 'sha256' | 'uploadedAt'
>;

/** What an application's answer shows of one of its submissions. */
export type SubmissionFacts = Pick<
  ApplicationSubmission,
  'applicationId' | 'number' | 'receivedAt' | 'sha256' | 'submittedBy'
>;

export interface ApplicationDetail {
  application: Application;
  /** The call's submission deadline (exclusive). */
  submissionClosesAt: Date;
  theme: Pick<CallTheme, 'id' | 'titleHu' | 'titleEn'>;
  municipality: Pick<Municipality, 'kshCode' | 'name'>;
  updatedByName: string;
  attachments: AttachmentFacts[];
  submissions: SubmissionFacts[];
  /** What a submission would still miss (field paths). */
  missing: string[];
}

export interface SubmissionResult {
  detail: ApplicationDetail;
  submission: ApplicationSubmission;
  /** False when the application had been submitted already (a repeated or concurrent submit). */
  created: boolean;
}

/** When submissions are accepted for one municipality: the call's window, or its extension. */
interface SubmissionWindow {
  accepting: boolean;
  opensAt: Date;
  closesAt: Date;
}

export function canSeeAllApplications(user: SessionUser): boolean {
  return user.roles.some((role) => role === 'coordinator' || role === 'admin');
}

function isMemberOf(user: SessionUser, kshCode: string): boolean {
  return user.municipalities.includes(kshCode);
}

/** Budapest time in the language of the request (messages are in the caller's language). */
export function requestTime(instant: Date): string {
  return formatBudapestTime(instant, currentLang());
}

/**
 * Municipalities' applications: drafts edited together under optimistic concurrency, the
 * deadline decided by the instant a request was received, idempotent submission with a
 * frozen snapshot and a receipt. Visibility: members of the application's municipality
 * and coordinators/admins; for anyone else an application does not exist (404).
 */
/**
 * The call's rule that the practice must have run since at least a given day: a practice
 * started later is refused at submission, naming the start date.
 */
export function assertPracticeOldEnough(call: Pick<Call, 'practiceStartedAfter'>, startDate: string | undefined): void {
  if (!call.practiceStartedAfter || !startDate || startDate <= call.practiceStartedAfter) return;
  const args = { date: call.practiceStartedAfter };
  throw new DomainError(ErrorCode.PRACTICE_TOO_RECENT, args, {
    'content.startDate': { key: 'fields.practiceTooRecent', args },
  });
}

/** The receipt's file name, for downloads and mail attachments alike. */
export function receiptFileName(applicationId: string, number: number): string {
  return `atveteli-elismerveny-${applicationId.slice(0, 8)}-${number}.pdf`;
}

@Injectable()
export class ApplicationsService {
  private readonly logger = new Logger(ApplicationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly outbox: OutboxService,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  /** Applications the viewer may see: their municipalities' (applicants), or all (coordinators, admins). */
  async list(viewer: SessionUser, filter: ApplicationFilter, page: PageQueryDto): Promise<Page<ApplicationRow>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!canSeeAllApplications(viewer))
      where.push(`a.municipality_ksh = ANY($${params.push(viewer.municipalities)}::text[])`);
    if (filter.callId) where.push(`a.call_id = $${params.push(filter.callId)}`);
    if (filter.themeId) where.push(`a.theme_id = $${params.push(filter.themeId)}`);
    if (filter.status) where.push(`a.status = $${params.push(filter.status)}`);
    if (filter.municipalityKsh) where.push(`a.municipality_ksh = $${params.push(filter.municipalityKsh)}`);
    if (filter.county) where.push(`m.county = $${params.push(filter.county)}`);
    if (filter.sizeMin !== undefined) where.push(`m.population >= $${params.push(filter.sizeMin)}`);
    if (filter.sizeMax !== undefined) where.push(`m.population <= $${params.push(filter.sizeMax)}`);
    if (filter.legalStatus) where.push(`m.legal_status = $${params.push(filter.legalStatus)}`);
    if (filter.formalCheck === 'pending') where.push(`a.status = 'submitted' AND a.formal_check IS NULL`);
    else if (filter.formalCheck) where.push(`a.formal_check = $${params.push(filter.formalCheck)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }]: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(*) AS n FROM application a JOIN municipality m ON m.ksh_code = a.municipality_ksh ${clause}`,
      params,
    );
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT a.id, a.call_id, a.theme_id, a.municipality_ksh, a.status, a.version, a.title, a.updated_at,
              a.submitted_at, a.formal_check, a.formal_check_reason,
              t.title_hu AS theme_title_hu, t.title_en AS theme_title_en,
              m.name AS municipality_name, m.county, m.population, m.legal_status
         FROM application a
         JOIN call_theme t ON t.id = a.theme_id
         JOIN municipality m ON m.ksh_code = a.municipality_ksh
         ${clause}
        ORDER BY a.updated_at DESC, a.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.pageSize, offsetOf(page)],
    );
    const items = rows.map((r) => ({
      id: r.id as string,
      callId: r.call_id as string,
      themeId: r.theme_id as string,
      themeTitleHu: r.theme_title_hu as string,
      themeTitleEn: r.theme_title_en as string,
      municipalityKsh: r.municipality_ksh as string,
      municipalityName: r.municipality_name as string,
      county: r.county as County,
      population: r.population as number,
      legalStatus: r.legal_status as LegalStatus,
      status: r.status as ApplicationStatus,
      version: r.version as number,
      title: r.title as string,
      updatedAt: r.updated_at as Date,
      submittedAt: (r.submitted_at as Date | null) ?? null,
      formalCheck: (r.formal_check as FormalCheckResult | null) ?? null,
      formalCheckReason: (r.formal_check_reason as string | null) ?? null,
    }));
    return pageOf(items, Number(n), page);
  }

  /**
   * A new, empty draft of a municipality for a theme of an announced call, while the call
   * (or the municipality's extension) accepts submissions. Only an approved member of the
   * municipality. One application per municipality and theme, unless the call allows N
   * per municipality (max_applications_per_municipality); withdrawn ones do not count.
   */
  async create(actor: SessionUser, callId: string, input: NewApplication): Promise<ApplicationDetail> {
    const receivedAt = this.clock.now();
    if (!isMemberOf(actor, input.municipalityKsh)) throw new ForbiddenError();
    return this.tx.run(async (tx) => {
      const { manager } = tx;
      const call = await manager.findOneBy(Call, { id: callId });
      if (!call || !call.announcedAt) throw new NotFoundError('call');
      const theme = await manager.findOneBy(CallTheme, { id: input.themeId, callId, removedAt: IsNull() });
      if (!theme) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, { themeId: { key: 'fields.unknownTheme' } });
      }
      await this.assertWindow(manager, call, input.municipalityKsh, receivedAt);
      // one creation at a time per call and municipality, so the count below cannot be outrun
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `application:${call.id}:${input.municipalityKsh}`,
      ]);
      await this.assertBelowLimit(manager, call, theme, input.municipalityKsh);
      const application = manager.create(Application, {
        callId: call.id,
        themeId: theme.id,
        municipalityKsh: input.municipalityKsh,
        status: 'draft',
        version: 1,
        title: '',
        content: {},
        createdBy: actor.id,
        updatedBy: actor.id,
        createdAt: receivedAt,
        updatedAt: receivedAt,
        submittedAt: null,
        withdrawnAt: null,
        formalCheck: null,
        formalCheckReason: null,
        formalCheckedAt: null,
        formalCheckedBy: null,
        correctionClosesAt: null,
      });
      await manager.insert(Application, application);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'application.created',
        targetType: 'application',
        targetId: application.id,
        changes: { callId: call.id, themeId: theme.id, municipalityKsh: input.municipalityKsh, status: 'draft' },
      });
      return this.detail(manager, application);
    });
  }

  async get(viewer: SessionUser, id: string): Promise<ApplicationDetail> {
    const application = await this.visible(this.dataSource.manager, viewer, id);
    return this.detail(this.dataSource.manager, application);
  }

  /** The fields a submission would still miss, as field paths in form order. */
  async missing(viewer: SessionUser, id: string): Promise<string[]> {
    const manager = this.dataSource.manager;
    const application = await this.visible(manager, viewer, id);
    return missingFields(application.content, await this.questions(manager, application.callId));
  }

  /**
   * Saves a change to a draft made on `changes.version`: given fields replace, null clears,
   * omitted fields stay. A save on an older version is refused with the current one
   * (409 APPLICATION_STALE_VERSION, `current` in the body): never a silent overwrite.
   */
  async update(actor: SessionUser, id: string, changes: ApplicationChanges): Promise<ApplicationDetail> {
    // no transaction: read and check, then one statement writes the draft and its audit row on
    // the version read (optimistic; a save in between makes it match nothing), then the answer;
    // all on one connection, taken from the pool once
    return this.tx.onOneConnection((manager) => this.saveDraft(manager, actor, id, changes));
  }

  private async saveDraft(
    manager: EntityManager,
    actor: SessionUser,
    id: string,
    changes: ApplicationChanges,
  ): Promise<ApplicationDetail> {
    const application = await this.visible(manager, actor, id);
    this.assertMember(actor, application);
    this.assertStatus(application, ['draft']);
    if (changes.version !== application.version) await this.throwStale(manager, application);
    const questions = await this.questions(manager, application.callId);
    const problems = answerProblems(changes.content.answers, questions);
    const partnerCodes = changes.content.partnerOrganisations;
    if (partnerCodes?.length) {
      const known = await manager.query<Array<{ code: string }>>(
        `SELECT code FROM organisation WHERE code = ANY($1::text[])`,
        [partnerCodes],
      );
      const unknown = partnerCodes.filter((code) => !known.some((row) => row.code === code));
      if (unknown.length) {
        problems['content.partnerOrganisations'] = {
          key: 'fields.unknownOrganisationCodes',
          args: { codes: unknown.join(', ') },
        };
      }
    }
    if (Object.keys(problems).length) throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, problems);

    const before = application.content;
    const after = mergeContent(before, changes.content);
    const changed = changedFields(before, after);
    if (!changed.length) return this.detail(manager, application, questions);
    const at = this.clock.now();
    const title = after.title?.trim() ?? '';
    const saved = await this.audit.recordWithChange<{ version: number }>(
      manager,
      {
        text: `UPDATE application SET content = $3::jsonb, title = $4, version = version + 1, updated_at = $5, updated_by = $6
                WHERE id = $1 AND version = $2 AND status = 'draft' RETURNING version`,
        params: [application.id, application.version, JSON.stringify(after), title, at, actor.id],
      },
      {
        actorId: actor.id,
        action: 'application.saved',
        targetType: 'application',
        targetId: application.id,
        changes: { fields: changed, version: { from: application.version, to: application.version + 1 } },
      },
    );
    if (!saved.length) {
      // changed since it was read: refused as the change in between makes it (stale, or no longer a draft)
      const current = await this.visible(manager, actor, id);
      this.assertStatus(current, ['draft']);
      return this.throwStale(manager, current);
    }
    Object.assign(application, {
      content: after,
      title,
      version: saved[0].version,
      updatedAt: at,
      updatedBy: actor.id,
    });
    return this.detail(manager, application, questions);
  }

  /**
   * Submits the draft. The instant the request was received decides the deadline (taken
   * once, first). Idempotent: the application row is locked, so of concurrent submits one
   * writes the snapshot and queues its receipt (the worker renders the PDF and mails it);
   * the others, and any later submit, get that same submission back.
   */
  async submit(actor: SessionUser, id: string, version?: number): Promise<SubmissionResult> {
    const receivedAt = this.clock.now();
    return this.tx.run(async (tx) => {
      const { manager } = tx;
      const application = await this.writable(manager, actor, id);
      if (application.status === 'submitted') {
        const latest = await manager.findOneOrFail(ApplicationSubmission, {
          where: { applicationId: application.id },
          order: { number: 'DESC' },
        });
        return { detail: await this.detail(manager, application), submission: latest, created: false };
      }
      this.assertStatus(application, ['draft']);
      if (version !== undefined && version !== application.version) await this.throwStale(manager, application);
      const { call, extensionClosesAt } = await this.callWithExtension(
        manager,
        application.callId,
        application.municipalityKsh,
      );
      await this.assertWindow(manager, call, application.municipalityKsh, receivedAt, application, extensionClosesAt);
      const questions = await this.questions(manager, application.callId);
      const missing = missingFields(application.content, questions);
      if (missing.length) {
        const fields: FieldProblems = Object.fromEntries(
          missing.map((path) => [path, { key: 'fields.requiredForSubmission' }]),
        );
        throw new DomainError(ErrorCode.APPLICATION_INCOMPLETE, { count: missing.length }, fields, { missing });
      }
      assertPracticeOldEnough(call, application.content.startDate);

      const attachments: SubmittedAttachment[] = (await this.liveAttachments(manager, application.id)).map((a) => ({
        id: a.id,
        displayName: a.displayName,
        kind: a.kind,
        sizeBytes: a.sizeBytes,
        sha256: a.sha256,
      }));
      const sha256 = submissionDigest(application.content, attachments);
      // the next number and the row in one statement (the application's row lock keeps it unique)
      const [{ id: submissionId, number: next }] = await manager.query<Array<{ id: string; number: number }>>(
        `INSERT INTO application_submission (application_id, number, content, attachments, sha256, received_at,
                                             submitted_by, receipt_storage_key)
         SELECT $1, coalesce(max(number), 0) + 1, $2::jsonb, $3::jsonb, $4, $5, $6, NULL
           FROM application_submission WHERE application_id = $1
         RETURNING id, number`,
        [
          application.id,
          JSON.stringify(application.content),
          JSON.stringify(attachments),
          sha256,
          receivedAt,
          actor.id,
        ],
      );
      const submission = manager.create(ApplicationSubmission, {
        id: submissionId,
        applicationId: application.id,
        number: next,
        content: application.content,
        attachments,
        sha256,
        receivedAt,
        submittedBy: actor.id,
        receiptStorageKey: null,
      });
      application.status = 'submitted';
      application.submittedAt = receivedAt;
      await this.saveRevision(manager, actor, application, receivedAt, 'application.submitted', {
        status: { from: 'draft', to: 'submitted' },
        number: next,
        sha256,
        receivedAt: receivedAt.toISOString(),
        attachments: attachments.length,
      });
      // the receipt PDF and its mails come from the worker, after the commit (nothing of it holds this transaction)
      await this.outbox.enqueue(tx, QUEUES.documents, 'receipt', { submissionId: submission.id });
      return { detail: await this.detail(manager, application, questions), submission, created: true };
    });
  }

  /**
   * The worker's part of a submission (job documents/receipt): its receipt PDF, then the
   * receipt mail to every approved, active member of the municipality. Repeatable: the PDF
   * is rendered once, each mail decided once per submission and person.
   */
  async deliverReceipt(submissionId: string): Promise<void> {
    const receiptKey = await this.ensureReceipt(submissionId);
    await this.tx.run(async (tx) => {
      const submission = await tx.manager.findOneByOrFail(ApplicationSubmission, { id: submissionId });
      const application = await tx.manager.findOneByOrFail(Application, { id: submission.applicationId });
      const call = await tx.manager.findOneByOrFail(Call, { id: application.callId });
      const theme = await tx.manager.findOneByOrFail(CallTheme, { id: application.themeId });
      const municipality = await tx.manager.findOneByOrFail(Municipality, { kshCode: application.municipalityKsh });
      const submitter = await this.submitterOf(tx.manager, submission);
      await this.mailStaff(tx, { application, submission, receiptKey, call, theme, municipality, submitter });
    });
  }

  /**
   * The storage key of the submission's receipt PDF, rendered now if it is not there yet (in
   * the submitter's language). Of two renders at once, the first stored is kept.
   */
  private async ensureReceipt(submissionId: string): Promise<string> {
    const manager = this.dataSource.manager;
    const submission = await manager.findOneByOrFail(ApplicationSubmission, { id: submissionId });
    if (submission.receiptStorageKey) return submission.receiptStorageKey;
    const application = await manager.findOneByOrFail(Application, { id: submission.applicationId });
    const call = await manager.findOneByOrFail(Call, { id: application.callId });
    const theme = await manager.findOneByOrFail(CallTheme, { id: application.themeId });
    const municipality = await manager.findOneByOrFail(Municipality, { kshCode: application.municipalityKsh });
    const programme = await manager.findOneByOrFail(Programme, { id: call.programmeId });
    const submitter = await this.submitterOf(manager, submission);
    const lang = submitter.language;
    const pdf = await renderReceipt({
      lang,
      programme: lang === 'hu' ? programme.nameHu : programme.nameEn,
      call: lang === 'hu' ? call.titleHu : call.titleEn,
      theme: lang === 'hu' ? theme.titleHu : theme.titleEn,
      municipality: municipality.name,
      kshCode: municipality.kshCode,
      title: submission.content.title ?? application.title,
      applicationId: application.id,
      number: submission.number,
      receivedAt: submission.receivedAt,
      submittedBy: submitter.name,
      sha256: submission.sha256,
      attachments: submission.attachments,
    });
    const { key } = await this.storage.put(pdf);
    const [stored] = await manager.query<[Array<{ key: string }>, number]>(
      `UPDATE application_submission SET receipt_storage_key = $2
        WHERE id = $1 AND receipt_storage_key IS NULL RETURNING receipt_storage_key AS key`,
      [submissionId, key],
    );
    if (stored.length === 1) return key;
    // another render was stored first: that one is the receipt
    await this.storage.remove(key).catch(() => undefined);
    const again = await manager.findOneByOrFail(ApplicationSubmission, { id: submissionId });
    return again.receiptStorageKey as string;
  }

  /** Who submitted: name and language (for the receipt and its mail). */
  private async submitterOf(manager: EntityManager, submission: ApplicationSubmission): Promise<SessionUser> {
    const [user] = await manager.query<Array<{ id: string; name: string; language: Lang }>>(
      `SELECT id, name, language FROM app_user WHERE id = $1`,
      [submission.submittedBy],
    );
    if (!user) throw new NotFoundError('user');
    return user as unknown as SessionUser;
  }

  /** Withdraws a draft or a submitted application, until the deadline (the municipality's, if extended). */
  async withdraw(actor: SessionUser, id: string): Promise<ApplicationDetail> {
    const receivedAt = this.clock.now();
    return this.tx.run(async ({ manager }) => {
      const application = await this.writable(manager, actor, id);
      if (application.status === 'withdrawn') return this.detail(manager, application);
      const { call, extensionClosesAt } = await this.callWithExtension(
        manager,
        application.callId,
        application.municipalityKsh,
      );
      await this.assertWindow(manager, call, application.municipalityKsh, receivedAt, application, extensionClosesAt);
      const from = application.status;
      application.status = 'withdrawn';
      application.withdrawnAt = receivedAt;
      await this.saveRevision(manager, actor, application, receivedAt, 'application.withdrawn', {
        status: { from, to: 'withdrawn' },
        receivedAt: receivedAt.toISOString(),
      });
      return this.detail(manager, application);
    });
  }

  /** Saves a change of status by `actor` at `at` as the next version and audits it, `changes` plus the version step. */
  private async saveRevision(
    manager: EntityManager,
    actor: SessionUser,
    application: Application,
    at: Date,
    action: string,
    changes: Record<string, unknown>,
  ): Promise<void> {
    application.version += 1;
    application.updatedAt = at;
    application.updatedBy = actor.id;
    // the row's change and its audit row in one statement
    await this.audit.recordWithChange(
      manager,
      {
        // a revision changes the status (submitted, withdrawn), never the content: that is left as it is
        text: `UPDATE application SET version = $2, updated_at = $3, updated_by = $4, status = $5, submitted_at = $6,
                                      withdrawn_at = $7
                WHERE id = $1 RETURNING id`,
        params: [
          application.id,
          application.version,
          at,
          actor.id,
          application.status,
          application.submittedAt,
          application.withdrawnAt,
        ],
      },
      {
        actorId: actor.id,
        action,
        targetType: 'application',
        targetId: application.id,
        changes: { ...changes, version: { from: application.version - 1, to: application.version } },
      },
    );
  }

  /** The receipt PDF of one submission, for whoever may see the application. */
  async receipt(viewer: SessionUser, id: string, number: number): Promise<{ content: Readable; fileName: string }> {
    const manager = this.dataSource.manager;
    const application = await this.visible(manager, viewer, id);
    const submission = await manager.findOneBy(ApplicationSubmission, { applicationId: application.id, number });
    if (!submission) throw new NotFoundError('submission');
    return {
      content: await this.storage.read(await this.ensureReceipt(submission.id)),
      fileName: receiptFileName(application.id, number),
    };
  }

  /**
   * The application if the viewer may see it, else "not found" (never "forbidden": another
   * municipality's member learns nothing, not even that the id exists). Locked when `lock`.
   */
  async visible(manager: EntityManager, viewer: SessionUser, id: string, lock = false): Promise<Application> {
    const application = await manager.findOne(Application, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!application) throw new NotFoundError('application');
    if (!canSeeAllApplications(viewer) && !isMemberOf(viewer, application.municipalityKsh)) {
      throw new NotFoundError('application');
    }
    return application;
  }

  /** The application locked for a change by an approved member of its municipality. */
  async writable(manager: EntityManager, actor: SessionUser, id: string): Promise<Application> {
    const application = await this.visible(manager, actor, id, true);
    this.assertMember(actor, application);
    return application;
  }

  /** Only an approved member of the municipality acts for it (a coordinator sees, but does not write). */
  assertMember(actor: SessionUser, application: Application): void {
    if (!isMemberOf(actor, application.municipalityKsh)) throw new ForbiddenError();
  }

  assertStatus(application: Application, allowed: ApplicationStatus[]): void {
    if (!allowed.includes(application.status)) {
      throw new DomainError(ErrorCode.APPLICATION_WRONG_STATUS, { status: application.status }, undefined, {
        status: application.status,
      });
    }
  }

  async liveAttachments(manager: EntityManager, applicationId: string): Promise<ApplicationAttachment[]> {
    return manager.find(ApplicationAttachment, {
      where: { applicationId, removedAt: IsNull() },
      order: { uploadedAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * Refuses a request received outside the municipality's submission window: the call's
   * [opens, closes) — the closing instant itself is late —, or [opens, extension closes)
   * when a coordinator extended the deadline for this municipality, or [opens, correction
   * closes) for an application a coordinator reopened with its own deadline; the later one
   * wins, and neither helps once scoring has started.
   */
  async assertWindow(
    manager: EntityManager,
    call: Call,
    municipalityKsh: string,
    receivedAt: Date,
    application?: Application,
    /** The municipality's extension in force, when read with the call (callWithExtension); null: none. */
    extensionClosesAt?: Date | null,
  ): Promise<void> {
    const window = await this.window(manager, call, municipalityKsh, receivedAt, application, extensionClosesAt);
    if (window.accepting) return;
    if (call.announcedAt && receivedAt.getTime() < window.opensAt.getTime()) {
      throw new DomainError(ErrorCode.SUBMISSION_NOT_OPEN, { opensAt: requestTime(window.opensAt) }, undefined, {
        opensAt: window.opensAt.toISOString(),
      });
    }
    throw new DomainError(
      ErrorCode.APPLICATION_DEADLINE_PASSED,
      { deadline: requestTime(window.closesAt), receivedAt: requestTime(receivedAt) },
      undefined,
      { deadline: window.closesAt.toISOString(), receivedAt: receivedAt.toISOString() },
    );
  }

  /** The call and the municipality's deadline extension in force (its closing instant, or null), in one statement. */
  async callWithExtension(
    manager: EntityManager,
    callId: string,
    municipalityKsh: string,
  ): Promise<{ call: Call; extensionClosesAt: Date | null }> {
    const {
      entities: [call],
      raw: [row],
    } = await manager
      .createQueryBuilder(Call, 'c')
      .leftJoin(
        DeadlineExtension,
        'e',
        'e.callId = c.id AND e.municipalityKsh = :municipalityKsh AND e.revokedAt IS NULL',
        { municipalityKsh },
      )
      .addSelect('e.closes_at', 'extension_closes_at')
      .where('c.id = :callId', { callId })
      .getRawAndEntities<{ extension_closes_at: Date | null }>();
    if (!call) throw new NotFoundError('call');
    return { call, extensionClosesAt: row.extension_closes_at };
  }

  /**
   * The submission deadline (exclusive) of one municipality's application: the latest of the
   * call's, the municipality's extension in force and the application's correction deadline.
   */
  async closingFor(
    manager: EntityManager,
    call: Call,
    municipalityKsh: string,
    application?: Pick<Application, 'correctionClosesAt'>,
    /** The municipality's extension in force, when the caller read it with the call (null: none). */
    extensionClosesAt?: Date | null,
  ): Promise<Date> {
    const extension =
      extensionClosesAt !== undefined
        ? { closesAt: extensionClosesAt }
        : await manager.findOneBy(DeadlineExtension, { callId: call.id, municipalityKsh, revokedAt: IsNull() });
    const candidates = [call.submissionClosesAt, extension?.closesAt, application?.correctionClosesAt];
    return new Date(Math.max(...candidates.filter((d): d is Date => d instanceof Date).map((d) => d.getTime())));
  }

  private async window(
    manager: EntityManager,
    call: Call,
    municipalityKsh: string,
    at: Date,
    application?: Application,
    extensionClosesAt?: Date | null,
  ): Promise<SubmissionWindow> {
    const closesAt = await this.closingFor(manager, call, municipalityKsh, application, extensionClosesAt);
    const extended =
      closesAt.getTime() > call.submissionClosesAt.getTime() &&
      !!call.announcedAt &&
      !call.scoringStartedAt &&
      !call.decidedAt &&
      !call.resultsPublishedAt &&
      call.submissionOpensAt.getTime() <= at.getTime() &&
      at.getTime() < closesAt.getTime();
    return { accepting: isAcceptingSubmissions(call, at) || extended, opensAt: call.submissionOpensAt, closesAt };
  }

  private async assertBelowLimit(manager: EntityManager, call: Call, theme: CallTheme, kshCode: string): Promise<void> {
    if (call.maxApplicationsPerMunicipality === null) {
      const [{ n }]: Array<{ n: number }> = await manager.query(
        `SELECT count(*)::int AS n FROM application
          WHERE call_id = $1 AND theme_id = $2 AND municipality_ksh = $3 AND status <> 'withdrawn'`,
        [call.id, theme.id, kshCode],
      );
      if (n > 0) {
        throw new DomainError(
          ErrorCode.APPLICATION_LIMIT_REACHED,
          { max: 1 },
          {
            themeId: { key: 'fields.applicationExistsForTheme' },
          },
        );
      }
      return;
    }
    const [{ n }]: Array<{ n: number }> = await manager.query(
      `SELECT count(*)::int AS n FROM application
        WHERE call_id = $1 AND municipality_ksh = $2 AND status <> 'withdrawn'`,
      [call.id, kshCode],
    );
    if (n >= call.maxApplicationsPerMunicipality) {
      throw new DomainError(
        ErrorCode.APPLICATION_LIMIT_REACHED,
        { max: call.maxApplicationsPerMunicipality },
        { municipalityKsh: { key: 'fields.applicationLimit', args: { max: call.maxApplicationsPerMunicipality } } },
      );
    }
  }

  private async throwStale(manager: EntityManager, application: Application): Promise<never> {
    const updater = await manager.query<Array<{ name: string }>>(`SELECT name FROM app_user WHERE id = $1`, [
      application.updatedBy,
    ]);
    throw new DomainError(ErrorCode.APPLICATION_STALE_VERSION, { currentVersion: application.version }, undefined, {
      current: {
        version: application.version,
        content: application.content,
        updatedAt: application.updatedAt.toISOString(),
        updatedBy: { id: application.updatedBy, name: updater[0]?.name ?? '' },
      },
    });
  }

  private questions(manager: EntityManager, callId: string): Promise<CallQuestion[]> {
    return manager.find(CallQuestion, {
      where: { callId, removedAt: IsNull() },
      order: { position: 'ASC', id: 'ASC' },
    });
  }

  /** The receipt mail to every approved, active member of the municipality, once per submission and person. */
  private async mailStaff(
    tx: Tx,
    facts: {
      application: Application;
      submission: ApplicationSubmission;
      receiptKey: string;
      call: Call;
      theme: CallTheme;
      municipality: Municipality;
      submitter: SessionUser;
    },
  ): Promise<void> {
    const staff = await this.staffOf(tx.manager, facts.application.municipalityKsh);
    const { application, submission, call, theme, municipality } = facts;
    for (const person of staff) {
      const hu = person.language === 'hu';
      await this.mail.send(tx, {
        to: person.email,
        toName: person.name,
        lang: person.language,
        template: 'application-submitted',
        params: {
          name: person.name,
          municipality: municipality.name,
          call: hu ? call.titleHu : call.titleEn,
          theme: hu ? theme.titleHu : theme.titleEn,
          title: application.title,
          submittedBy: facts.submitter.name,
          number: submission.number,
          received: formatBudapestTime(submission.receivedAt, person.language),
          sha256: submission.sha256,
          receiptUrl: webUrl(this.env.PUBLIC_URL, WEB_PATHS.receipt(application.id, submission.number)),
        },
        dedupeKey: `application-submitted:${submission.id}:${person.id}`,
        attachments: [
          {
            storageKey: facts.receiptKey,
            filename: receiptFileName(application.id, submission.number),
            contentType: 'application/pdf',
          },
        ],
      });
    }
    this.logger.log(`application ${application.id} submitted (#${submission.number}); ${staff.length} receipt mail(s)`);
  }

  /** The approved, active members of a municipality: who its applications' mails go to. */
  async staffOf(manager: EntityManager, municipalityKsh: string): Promise<StaffMember[]> {
    return manager.query(
      `SELECT u.id, u.email, u.name, u.language
         FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.municipality_ksh = $1 AND m.status = 'approved' AND u.is_active
        ORDER BY u.id`,
      [municipalityKsh],
    );
  }

  /**
   * What the application's answer shows besides the row itself (its call's deadline, theme,
   * municipality, last editor, attachments in force and submissions), in one statement: it
   * runs at the end of every save and submit, inside their transaction.
   */
  async detail(
    manager: EntityManager,
    application: Application,
    /** The call's questions, when the caller has read them already. */
    known?: CallQuestion[],
  ): Promise<ApplicationDetail> {
    const [row] = await manager.query<
      Array<{
        closes_at: Date;
        theme_title_hu: string;
        theme_title_en: string;
        municipality_name: string;
        updated_by_name: string | null;
        attachments: Array<Omit<AttachmentFacts, 'applicationId' | 'uploadedAt'> & { uploadedAt: string }>;
        submissions: Array<Omit<SubmissionFacts, 'applicationId' | 'receivedAt'> & { receivedAt: string }>;
      }>
    >(
      `SELECT c.submission_closes_at AS closes_at, t.title_hu AS theme_title_hu, t.title_en AS theme_title_en,
              m.name AS municipality_name,
              (SELECT u.name FROM app_user u WHERE u.id = $5) AS updated_by_name,
              coalesce((SELECT json_agg(json_build_object('id', f.id, 'displayName', f.display_name, 'kind', f.kind,
                                                          'mime', f.mime, 'sizeBytes', f.size_bytes, 'sha256', f.sha256,
                                                          'uploadedAt', f.uploaded_at) ORDER BY f.uploaded_at, f.id)
                          FROM application_attachment f WHERE f.application_id = $1 AND f.removed_at IS NULL),
                       '[]'::json) AS attachments,
              coalesce((SELECT json_agg(json_build_object('number', s.number, 'receivedAt', s.received_at,
                                                          'sha256', s.sha256, 'submittedBy', s.submitted_by)
                                        ORDER BY s.number)
                          FROM application_submission s WHERE s.application_id = $1),
                       '[]'::json) AS submissions
         FROM call c JOIN call_theme t ON t.id = $3 JOIN municipality m ON m.ksh_code = $4
        WHERE c.id = $2`,
      [application.id, application.callId, application.themeId, application.municipalityKsh, application.updatedBy],
    );
    if (!row) throw new NotFoundError('application');
    const questions = known ?? (await this.questions(manager, application.callId));
    return {
      application,
      submissionClosesAt: row.closes_at,
      theme: { id: application.themeId, titleHu: row.theme_title_hu, titleEn: row.theme_title_en },
      municipality: { kshCode: application.municipalityKsh, name: row.municipality_name },
      updatedByName: row.updated_by_name ?? '',
      attachments: row.attachments.map((a) => ({
        ...a,
        applicationId: application.id,
        uploadedAt: new Date(a.uploadedAt),
      })),
      submissions: row.submissions.map((x) => ({
        ...x,
        applicationId: application.id,
        receivedAt: new Date(x.receivedAt),
      })),
      missing: missingFields(application.content, questions),
    };
  }
}
