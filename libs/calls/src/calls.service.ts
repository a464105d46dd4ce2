import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '@portal/audit';
import { Clock, DomainError, ErrorCode, FieldProblems, NotFoundError, offsetOf, Page, pageOf } from '@portal/core';
import type { PageQueryDto } from '@portal/core';
import { isUniqueViolation, Transactions } from '@portal/database';
import type { SessionUser } from '@portal/identity';
import { CallCriterion } from './call-criterion.entity';
import { CallQuestion } from './call-question.entity';
import { callStatus, callStatusSql, CallStatus, isAcceptingSubmissions } from './call-status';
import { CallTheme } from './call-theme.entity';
import { Call } from './call.entity';
import { Programme } from './programme.entity';

/** The programme every call belongs to while the portal runs one programme. */
export const DEFAULT_PROGRAMME_CODE = 'logy';

export interface CallPhases {
  submissionOpensAt: Date;
  /** Exclusive: a submission received at exactly this instant is late. */
  submissionClosesAt: Date;
  scoringClosesAt: Date;
  resultsAt: Date;
}

export interface NewCall extends CallPhases {
  year: number;
  titleHu: string;
  titleEn: string;
  descriptionHu?: string;
  descriptionEn?: string;
  maxApplicationsPerMunicipality?: number | null;
  practiceStartedAfter?: string | null;
}

export interface CallChanges extends Partial<NewCall> {
  /** The version the edit was made on. */
  version: number;
}

export interface CallCopy extends CallPhases {
  year: number;
  /** Default: the source's titles with its year replaced by the new one. */
  titleHu?: string;
  titleEn?: string;
  practiceStartedAfter?: string | null;
}

export interface CallFilter {
  status?: CallStatus;
}

export interface CallSummary {
  call: Call;
  programme: Programme;
  status: CallStatus;
  acceptingSubmissions: boolean;
}

/** A call with its current themes and criteria (what the public needs of it). */
export interface CallContent extends CallSummary {
  themes: CallTheme[];
  criteria: CallCriterion[];
}

export interface CallDetail extends CallContent {
  questions: CallQuestion[];
}

type EditableField = keyof Omit<CallChanges, 'version'>;

const EDITABLE_FIELDS: EditableField[] = [
  'year',
  'titleHu',
  'titleEn',
  'descriptionHu',
  'descriptionEn',
  'submissionOpensAt',
  'submissionClosesAt',
  'scoringClosesAt',
  'resultsAt',
  'maxApplicationsPerMunicipality',
  'practiceStartedAfter',
];

/**
 * What can no longer change, and from when. The rules of the game (year, eligibility, the
 * opening) are fixed once the call is public; the deadline can still be extended until
 * scoring starts; the later dates until the decision. Texts can always be corrected.
 */
const FROZEN: Array<{ fields: EditableField[]; since: (call: Call) => boolean; key: string }> = [
  {
    fields: ['year', 'submissionOpensAt', 'maxApplicationsPerMunicipality', 'practiceStartedAfter'],
    since: (call) => call.announcedAt !== null,
    key: 'fields.frozenOnceAnnounced',
  },
  {
    fields: ['submissionClosesAt'],
    since: (call) => call.scoringStartedAt !== null,
    key: 'fields.frozenOnceScoringStarted',
  },
  {
    fields: ['scoringClosesAt', 'resultsAt'],
    since: (call) => call.decidedAt !== null,
    key: 'fields.frozenOnceDecided',
  },
];

/** Whether the user may see and edit drafts. */
export function isCallManager(user: SessionUser | undefined): boolean {
  return !!user && user.roles.some((role) => role === 'coordinator' || role === 'admin');
}

/** Refuses phases out of order, naming each field that is not later than the one before it. */
export function assertPhasesInOrder(phases: CallPhases): void {
  const fields: FieldProblems = {};
  if (phases.submissionClosesAt.getTime() <= phases.submissionOpensAt.getTime()) {
    fields.submissionClosesAt = { key: 'fields.submissionClosesAfterOpens' };
  }
  if (phases.scoringClosesAt.getTime() <= phases.submissionClosesAt.getTime()) {
    fields.scoringClosesAt = { key: 'fields.scoringClosesAfterSubmissionCloses' };
  }
  if (phases.resultsAt.getTime() <= phases.scoringClosesAt.getTime()) {
    fields.resultsAt = { key: 'fields.resultsAfterScoringCloses' };
  }
  if (Object.keys(fields).length) throw new DomainError(ErrorCode.CALL_PHASES_INVALID, {}, fields);
}

/** A value as the audit log keeps it: instants as UTC ISO strings. */
function auditValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}

/**
 * The yearly calls of a programme: the public read side and the coordinators' edits. Every
 * change runs in one transaction with its audit row; the call row is locked while it is
 * checked and changed.
 */
@Injectable()
export class CallsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Announced calls, newest year first; coordinators and admins see drafts too. */
  async list(viewer: SessionUser | undefined, filter: CallFilter, page: PageQueryDto): Promise<Page<CallSummary>> {
    const now = this.clock.now();
    const qb = this.dataSource.getRepository(Call).createQueryBuilder('c').innerJoinAndSelect('c.programme', 'p');
    if (!isCallManager(viewer)) qb.andWhere('c.announced_at IS NOT NULL');
    if (filter.status) qb.andWhere(`${callStatusSql('c', ':now')} = :status`, { now, status: filter.status });
    const [calls, total] = await qb
      .orderBy('c.year', 'DESC')
      .addOrderBy('c.created_at', 'DESC')
      .offset(offsetOf(page))
      .limit(page.pageSize)
      .getManyAndCount();
    return pageOf(
      calls.map((call) => this.summary(call, call.programme!, now)),
      total,
      page,
    );
  }

  /** One call with its current themes, criteria and questions. A draft is "not found" for the public. */
  async get(viewer: SessionUser | undefined, id: string): Promise<CallDetail> {
    const call = await this.dataSource.getRepository(Call).findOne({ where: { id }, relations: { programme: true } });
    if (!call || (!call.announcedAt && !isCallManager(viewer))) throw new NotFoundError('call');
    return this.detail(this.dataSource.manager, call);
  }

  /**
   * The programme's call that accepts submissions now (announced, opens_at ≤ now < closes_at)
   * with its themes and criteria; of several, the one closing soonest. 404 CALL_NONE_OPEN if none.
   */
  async current(): Promise<CallContent> {
    const now = this.clock.now();
    const call = await this.dataSource
      .getRepository(Call)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.programme', 'p')
      .where('p.code = :code', { code: DEFAULT_PROGRAMME_CODE })
      .andWhere(`${callStatusSql('c', ':now')} = 'open'`)
      .andWhere('c.submission_opens_at <= :now', { now })
      .orderBy('c.submission_closes_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getOne();
    if (!call) throw new DomainError(ErrorCode.CALL_NONE_OPEN);
    const where = { callId: call.id, removedAt: IsNull() };
    const order = { position: 'ASC', id: 'ASC' } as const;
    const [themes, criteria] = await Promise.all([
      this.dataSource.manager.find(CallTheme, { where, order }),
      this.dataSource.manager.find(CallCriterion, { where, order }),
    ]);
    return { ...this.summary(call, call.programme!, now), themes, criteria };
  }

  /** A new draft of the programme's call for a year. */
  async create(actor: SessionUser, input: NewCall): Promise<CallDetail> {
    assertPhasesInOrder(input);
    return this.withYearCheck(() =>
      this.tx.run(async ({ manager }) => {
        const programme = await manager.findOneByOrFail(Programme, { code: DEFAULT_PROGRAMME_CODE });
        const now = this.clock.now();
        const call = manager.create(Call, {
          programmeId: programme.id,
          year: input.year,
          titleHu: input.titleHu,
          titleEn: input.titleEn,
          descriptionHu: input.descriptionHu ?? '',
          descriptionEn: input.descriptionEn ?? '',
          submissionOpensAt: input.submissionOpensAt,
          submissionClosesAt: input.submissionClosesAt,
          scoringClosesAt: input.scoringClosesAt,
          resultsAt: input.resultsAt,
          maxApplicationsPerMunicipality: input.maxApplicationsPerMunicipality ?? null,
          practiceStartedAfter: input.practiceStartedAfter ?? null,
          announcedAt: null,
          scoringStartedAt: null,
          decidedAt: null,
          resultsPublishedAt: null,
          version: 1,
          createdAt: now,
          updatedAt: now,
          copiedFromCallId: null,
        });
        await manager.insert(Call, call);
        await this.audit.record(manager, {
          actorId: actor.id,
          action: 'call.created',
          targetType: 'call',
          targetId: call.id,
          changes: {
            ...Object.fromEntries(EDITABLE_FIELDS.map((field): [string, unknown] => [field, auditValue(call[field])])),
            status: 'draft',
          },
        });
        call.programme = programme;
        return this.detail(manager, call);
      }),
    );
  }

  /**
   * Changes fields of a call made on `changes.version`; an edit on an older version is
   * refused (409 STALE_VERSION with the current version). Fields whose stage has passed
   * (see FROZEN) are refused when their value would change.
   */
  async update(actor: SessionUser, id: string, changes: CallChanges): Promise<CallDetail> {
    return this.withYearCheck(() =>
      this.tx.run(async ({ manager }) => {
        const call = await this.lockCall(manager, id);
        this.assertVersion(call, changes.version);
        const changed = EDITABLE_FIELDS.filter(
          (field) => changes[field] !== undefined && !sameValue(changes[field], call[field as keyof Call]),
        );
        const frozen: FieldProblems = {};
        for (const rule of FROZEN) {
          if (!rule.since(call)) continue;
          for (const field of rule.fields) if (changed.includes(field)) frozen[field] = { key: rule.key };
        }
        if (Object.keys(frozen).length) throw new DomainError(ErrorCode.CALL_NOT_EDITABLE, {}, frozen);
        if (!changed.length) return this.detail(manager, call);

        const diff: Record<string, { from: unknown; to: unknown }> = {};
        for (const field of changed) {
          diff[field] = { from: auditValue(call[field as keyof Call]), to: auditValue(changes[field]) };
          Object.assign(call, { [field]: changes[field] });
        }
        assertPhasesInOrder(call);
        await this.saveRevision(manager, actor, call, this.clock.now(), 'call.updated', diff);
        return this.detail(manager, call);
      }),
    );
  }

  /**
   * Makes a draft public (draft → open). Needs at least one theme and one criterion, and a
   * submission deadline still ahead.
   */
  async announce(actor: SessionUser, id: string, version?: number): Promise<CallDetail> {
    return this.tx.run(async ({ manager }) => {
      const { call, now } = await this.lockInStatus(manager, id, version, 'draft');
      const counts = await this.liveCounts(manager, call.id);
      const fields: FieldProblems = {};
      if (counts.themes === 0) fields.themes = { key: 'fields.themeRequired' };
      if (counts.criteria === 0) fields.criteria = { key: 'fields.criterionRequired' };
      if (call.submissionClosesAt.getTime() <= now.getTime()) {
        fields.submissionClosesAt = { key: 'fields.submissionAlreadyClosed' };
      }
      if (Object.keys(fields).length) throw new DomainError(ErrorCode.CALL_NOT_ANNOUNCEABLE, {}, fields);
      assertPhasesInOrder(call);
      call.announcedAt = now;
      await this.saveRevision(manager, actor, call, now, 'call.announced', {
        status: { from: 'draft', to: callStatus(call, now) },
        announcedAt: now.toISOString(),
        ...counts,
      });
      return this.detail(manager, call);
    });
  }

  /** Starts scoring of a closed call; from then on its criteria are frozen. */
  async startScoring(actor: SessionUser, id: string, version?: number): Promise<CallDetail> {
    return this.tx.run(async ({ manager }) => {
      const { call, now } = await this.lockInStatus(manager, id, version, 'closed');
      call.scoringStartedAt = now;
      await this.saveRevision(manager, actor, call, now, 'call.scoring_started', {
        status: { from: 'closed', to: 'scoring' },
        scoringStartedAt: now.toISOString(),
      });
      return this.detail(manager, call);
    });
  }

  /**
   * A new draft for another year from an existing call: its texts, and its current themes,
   * criteria and questions (renumbered 1…n), with new phases. The copy records its source.
   */
  async copy(actor: SessionUser, sourceId: string, input: CallCopy): Promise<CallDetail> {
    assertPhasesInOrder(input);
    return this.withYearCheck(() =>
      this.tx.run(async ({ manager }) => {
        const source = await manager.findOneBy(Call, { id: sourceId });
        if (!source) throw new NotFoundError('call');
        const programme = await manager.findOneByOrFail(Programme, { id: source.programmeId });
        const now = this.clock.now();
        const retitle = (title: string) => title.split(String(source.year)).join(String(input.year));
        const call = manager.create(Call, {
          programmeId: source.programmeId,
          year: input.year,
          titleHu: input.titleHu ?? retitle(source.titleHu),
          titleEn: input.titleEn ?? retitle(source.titleEn),
          descriptionHu: source.descriptionHu,
          descriptionEn: source.descriptionEn,
          submissionOpensAt: input.submissionOpensAt,
          submissionClosesAt: input.submissionClosesAt,
          scoringClosesAt: input.scoringClosesAt,
          resultsAt: input.resultsAt,
          maxApplicationsPerMunicipality: source.maxApplicationsPerMunicipality,
          practiceStartedAfter: input.practiceStartedAfter ?? null,
          announcedAt: null,
          scoringStartedAt: null,
          decidedAt: null,
          resultsPublishedAt: null,
          version: 1,
          createdAt: now,
          updatedAt: now,
          copiedFromCallId: source.id,
        });
        await manager.insert(Call, call);
        const copied = await copyCallContent(manager, source.id, call.id);
        await this.audit.record(manager, {
          actorId: actor.id,
          action: 'call.copied',
          targetType: 'call',
          targetId: call.id,
          changes: {
            copiedFromCallId: source.id,
            copiedFromYear: source.year,
            year: call.year,
            titleHu: call.titleHu,
            titleEn: call.titleEn,
            submissionOpensAt: call.submissionOpensAt.toISOString(),
            submissionClosesAt: call.submissionClosesAt.toISOString(),
            scoringClosesAt: call.scoringClosesAt.toISOString(),
            resultsAt: call.resultsAt.toISOString(),
            status: 'draft',
            ...copied,
          },
        });
        call.programme = programme;
        return this.detail(manager, call);
      }),
    );
  }

  /** Locks the call for a step that needs it in one status (and, when given, at one version). */
  private async lockInStatus(
    manager: EntityManager,
    id: string,
    version: number | undefined,
    expected: CallStatus,
  ): Promise<{ call: Call; now: Date }> {
    const call = await this.lockCall(manager, id);
    if (version !== undefined) this.assertVersion(call, version);
    const now = this.clock.now();
    const status = callStatus(call, now);
    if (status !== expected) throw new DomainError(ErrorCode.CALL_WRONG_STATUS, { status });
    return { call, now };
  }

  /** Saves a change of the call as a new version, audited with what changed and the version step. */
  private async saveRevision(
    manager: EntityManager,
    actor: SessionUser,
    call: Call,
    at: Date,
    action: string,
    changes: Record<string, unknown>,
  ): Promise<void> {
    call.version += 1;
    call.updatedAt = at;
    await manager.save(Call, call);
    await this.audit.record(manager, {
      actorId: actor.id,
      action,
      targetType: 'call',
      targetId: call.id,
      changes: { ...changes, version: { from: call.version - 1, to: call.version } },
    });
  }

  private async lockCall(manager: EntityManager, id: string): Promise<Call> {
    const call = await manager.findOne(Call, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!call) throw new NotFoundError('call');
    call.programme = await manager.findOneByOrFail(Programme, { id: call.programmeId });
    return call;
  }

  private assertVersion(call: Call, version: number): void {
    if (version !== call.version) {
      throw new DomainError(ErrorCode.STALE_VERSION, { currentVersion: call.version }, undefined, {
        currentVersion: call.version,
      });
    }
  }

  private async withYearCheck<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, 'uq_call_programme_year')) {
        throw new DomainError(ErrorCode.CALL_YEAR_TAKEN, {}, { year: { key: 'fields.yearTaken' } });
      }
      throw error;
    }
  }

  private async liveCounts(
    manager: EntityManager,
    callId: string,
  ): Promise<{ themes: number; criteria: number; questions: number }> {
    const [row]: Array<{ themes: number; criteria: number; questions: number }> = await manager.query(
      `SELECT (SELECT count(*)::int FROM call_theme WHERE call_id = $1 AND removed_at IS NULL) AS themes,
              (SELECT count(*)::int FROM call_criterion WHERE call_id = $1 AND removed_at IS NULL) AS criteria,
              (SELECT count(*)::int FROM call_question WHERE call_id = $1 AND removed_at IS NULL) AS questions`,
      [callId],
    );
    return row;
  }

  private summary(call: Call, programme: Programme, now: Date): CallSummary {
    return {
      call,
      programme,
      status: callStatus(call, now),
      acceptingSubmissions: isAcceptingSubmissions(call, now),
    };
  }

  private async detail(manager: EntityManager, call: Call): Promise<CallDetail> {
    const where = { callId: call.id, removedAt: IsNull() };
    const order = { position: 'ASC', id: 'ASC' } as const;
    // one after the other: inside a transaction they share one connection
    const themes = await manager.find(CallTheme, { where, order });
    const criteria = await manager.find(CallCriterion, { where, order });
    const questions = await manager.find(CallQuestion, { where, order });
    const programme = call.programme ?? (await manager.findOneByOrFail(Programme, { id: call.programmeId }));
    return { ...this.summary(call, programme, this.clock.now()), themes, criteria, questions };
  }
}

/** Copies the current themes, criteria and questions of one call to another; returns how many. */
export async function copyCallContent(
  manager: EntityManager,
  fromCallId: string,
  toCallId: string,
): Promise<{ themes: number; criteria: number; questions: number }> {
  const copy = (table: string, columns: string) =>
    manager.query(
      `INSERT INTO ${table} (call_id, position, ${columns})
       SELECT $2, row_number() OVER (ORDER BY position, id), ${columns}
         FROM ${table} WHERE call_id = $1 AND removed_at IS NULL`,
      [fromCallId, toCallId],
    );
  await copy('call_theme', 'title_hu, title_en, description_hu, description_en, sponsor_organisation_id');
  await copy('call_criterion', 'name_hu, name_en, guidance_hu, guidance_en, weight, max_points, tie_break_order');
  await copy('call_question', 'label_hu, label_en, help_hu, help_en, kind, required, choices');
  const [row]: Array<{ themes: number; criteria: number; questions: number }> = await manager.query(
    `SELECT (SELECT count(*)::int FROM call_theme WHERE call_id = $1) AS themes,
            (SELECT count(*)::int FROM call_criterion WHERE call_id = $1) AS criteria,
            (SELECT count(*)::int FROM call_question WHERE call_id = $1) AS questions`,
    [toCallId],
  );
  return row;
}
