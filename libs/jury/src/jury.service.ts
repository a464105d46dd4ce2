import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@portal/audit';
import { Call, callStatus } from '@portal/calls';
import {
  Clock,
  DomainError,
  ErrorCode,
  FieldProblems,
  NotFoundError,
  offsetOf,
  Page,
  pageOf,
  PageQueryDto,
} from '@portal/core';
import { isUniqueViolation, Transactions } from '@portal/database';
import type { SessionUser } from '@portal/identity';
import { ConflictOfInterest, ConflictSource, JurorPreference, Preference } from './conflict.entity';
import { JuryMember, JurySettings } from './jury-member.entity';

/** The version of the declaration a juror accepts before seeing anything of a call (its text: libs/core/src/i18n/<lang>/jury.json). */
export const DECLARATION_VERSION = 1;

export type ScoringMethodName = JurySettings['scoringMethod'];

export interface JurySettingsView {
  callId: string;
  jurorsPerApplication: number;
  /** 1: whole points; 0.5: half points too. */
  scoreStep: number;
  /** How an application's score comes from its jurors' totals; fixed once scoring starts. */
  scoringMethod: ScoringMethodName;
  /** The least score (0–100) an award needs; null: none. */
  minAwardScore: number | null;
  /** The SD of the jurors' totals above which an application is flagged for discussion. */
  disagreementThreshold: number;
}

export type JurySettingsChanges = Partial<Omit<JurySettingsView, 'callId'>>;

export interface JuryMemberRow {
  id: string;
  callId: string;
  userId: string;
  name: string;
  email: string;
  organisationId: string;
  organisationCode: string;
  organisationNameHu: string;
  organisationNameEn: string;
  themeIds: string[];
  declarationAcceptedAt: Date | null;
  addedAt: Date;
  removedAt: Date | null;
}

export interface ConflictRow {
  juryMemberId: string;
  jurorName: string;
  applicationId: string;
  applicationTitle: string;
  municipalityName: string;
  source: ConflictSource;
  reason: string | null;
  createdAt: Date | null;
}

/** An eligible application of the call as a juror sees it before assignment (to declare conflicts and preferences). */
export interface CandidateRow {
  applicationId: string;
  themeId: string;
  themeTitleHu: string;
  themeTitleEn: string;
  title: string;
  municipalityName: string;
  /** Null when the juror is in conflict with it (the summary is not shown then). */
  summary: string | null;
  conflict: ConflictSource | null;
  preference: Preference;
}

export interface JurorCallRow {
  juryMemberId: string;
  callId: string;
  year: number;
  titleHu: string;
  titleEn: string;
  themeIds: string[];
  declarationAcceptedAt: Date | null;
  /** How the call turns the jurors' totals into a score (announced with the call). */
  scoringMethod: ScoringMethodName;
}

/** Statuses of a call in which its jury can still change. */
const JURY_OPEN_STATUSES = ['draft', 'open', 'closed', 'scoring'];

/**
 * The jury of a call: its members, the settings (k, scoring step), the jurors'
 * declaration, conflicts of interest and preferences. Every change is audited.
 */
/** The call's scoring step from its settings row (1 point when it has none). */
export function scoreStepOf(row: { scoreStep: string | null } | null | undefined): number {
  return row?.scoreStep == null ? 1 : Number(row.scoreStep);
}

@Injectable()
export class JuryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async settings(callId: string, manager: EntityManager = this.dataSource.manager): Promise<JurySettingsView> {
    await this.call(manager, callId);
    const row = await manager.findOneBy(JurySettings, { callId });
    return {
      callId,
      jurorsPerApplication: row?.jurorsPerApplication ?? 3,
      scoreStep: scoreStepOf(row),
      scoringMethod: row?.scoringMethod ?? 'mean',
      minAwardScore: row?.minAwardScore == null ? null : Number(row.minAwardScore),
      disagreementThreshold: row ? Number(row.disagreementThreshold) : 15,
    };
  }

  /**
   * Changes the jury's settings: the scoring step only while no score has been saved in the
   * call; the scoring method and the award minimum only before scoring starts (they are
   * announced to jurors and the public with the call).
   */
  async updateSettings(actor: SessionUser, callId: string, input: JurySettingsChanges): Promise<JurySettingsView> {
    return this.tx.run(async ({ manager }) => {
      const call = await this.call(manager, callId, true);
      const before = await this.settings(callId, manager);
      const rulesChanged =
        (input.scoringMethod !== undefined && input.scoringMethod !== before.scoringMethod) ||
        (input.minAwardScore !== undefined && input.minAwardScore !== before.minAwardScore);
      if (rulesChanged && call.scoringStartedAt) {
        throw new DomainError(
          ErrorCode.JURY_SETTINGS_LOCKED,
          {},
          { scoringMethod: { key: 'fields.frozenOnceScoringStarted' } },
        );
      }
      if (input.scoreStep !== undefined && input.scoreStep !== before.scoreStep) {
        const [{ scored }] = await manager.query<Array<{ scored: boolean }>>(
          `SELECT EXISTS (SELECT 1 FROM score s JOIN assignment a ON a.id = s.assignment_id
                            JOIN scoring_round r ON r.id = a.round_id WHERE r.call_id = $1) AS scored`,
          [callId],
        );
        if (scored) throw new DomainError(ErrorCode.JURY_SETTINGS_LOCKED);
      }
      const after: JurySettingsView = {
        callId,
        jurorsPerApplication: input.jurorsPerApplication ?? before.jurorsPerApplication,
        scoreStep: input.scoreStep ?? before.scoreStep,
        scoringMethod: input.scoringMethod ?? before.scoringMethod,
        minAwardScore: input.minAwardScore !== undefined ? input.minAwardScore : before.minAwardScore,
        disagreementThreshold: input.disagreementThreshold ?? before.disagreementThreshold,
      };
      await manager.upsert(
        JurySettings,
        {
          ...after,
          scoreStep: String(after.scoreStep),
          minAwardScore: after.minAwardScore === null ? null : String(after.minAwardScore),
          disagreementThreshold: String(after.disagreementThreshold),
          updatedAt: this.clock.now(),
        },
        ['callId'],
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'jury.settings_changed',
        targetType: 'call',
        targetId: callId,
        changes: { from: before, to: after },
      });
      return after;
    });
  }

  async listMembers(callId: string, page: PageQueryDto): Promise<Page<JuryMemberRow>> {
    const manager = this.dataSource.manager;
    await this.call(manager, callId);
    const rows = await manager.query<Array<JuryMemberRow & { total: number }>>(
      `${MEMBER_SELECT} WHERE j.call_id = $1
        ORDER BY j.removed_at IS NOT NULL, u.name, j.id
        LIMIT $2 OFFSET $3`,
      [callId, page.pageSize, offsetOf(page)],
    );
    return pageOf(rows.map(stripTotal), rows[0]?.total ?? (await this.countMembers(callId)), page);
  }

  private async countMembers(callId: string): Promise<number> {
    const [{ count }] = await this.dataSource.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM jury_member WHERE call_id = $1`,
      [callId],
    );
    return count;
  }

  async member(manager: EntityManager, callId: string, memberId: string): Promise<JuryMemberRow> {
    const [row] = await manager.query<Array<JuryMemberRow & { total: number }>>(
      `${MEMBER_SELECT} WHERE j.call_id = $1 AND j.id = $2`,
      [callId, memberId],
    );
    if (!row) throw new NotFoundError('juryMember');
    return stripTotal(row);
  }

  /**
   * Adds a juror (a user with the juror role, representing an organisation) to the call's
   * jury, optionally limited to some of its themes. A removed member is added back.
   */
  async addMember(
    actor: SessionUser,
    callId: string,
    input: { userId: string; themeIds?: string[] },
  ): Promise<JuryMemberRow> {
    return this.tx.run(async ({ manager }) => {
      await this.call(manager, callId, true);
      const [user] = await manager.query<Array<{ roles: string[]; organisation_id: string | null; active: boolean }>>(
        `SELECT roles, organisation_id, is_active AS active FROM app_user WHERE id = $1`,
        [input.userId],
      );
      if (!user) throw new DomainError(ErrorCode.NOT_A_JUROR, {}, { userId: { key: 'fields.unknownUser' } });
      if (!user.roles.includes('juror') || !user.organisation_id || !user.active) {
        throw new DomainError(ErrorCode.NOT_A_JUROR, {}, { userId: { key: 'fields.notAJuror' } });
      }
      const themeIds = await this.checkThemes(manager, callId, input.themeIds ?? []);
      const existing = await manager.findOneBy(JuryMember, { callId, userId: input.userId });
      if (existing && !existing.removedAt) throw new DomainError(ErrorCode.JURY_MEMBER_EXISTS);
      let member: JuryMember;
      if (existing) {
        existing.removedAt = null;
        existing.themeIds = themeIds;
        existing.organisationId = user.organisation_id;
        member = await manager.save(JuryMember, existing);
      } else {
        member = await manager.save(
          JuryMember,
          manager.create(JuryMember, {
            callId,
            userId: input.userId,
            organisationId: user.organisation_id,
            themeIds,
            addedBy: actor.id,
            addedAt: this.clock.now(),
          }),
        );
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'jury.member_added',
        targetType: 'call',
        targetId: callId,
        changes: { juryMemberId: member.id, userId: input.userId, organisationId: user.organisation_id, themeIds },
      });
      return this.member(manager, callId, member.id);
    });
  }

  /** Changes the themes a juror scores (empty: all). Assignments already made stay. */
  async updateMember(
    actor: SessionUser,
    callId: string,
    memberId: string,
    input: { themeIds: string[] },
  ): Promise<JuryMemberRow> {
    return this.tx.run(async ({ manager }) => {
      await this.call(manager, callId, true);
      const member = await manager.findOneBy(JuryMember, { id: memberId, callId });
      if (!member || member.removedAt) throw new NotFoundError('juryMember');
      const themeIds = await this.checkThemes(manager, callId, input.themeIds);
      const before = member.themeIds;
      member.themeIds = themeIds;
      await manager.save(JuryMember, member);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'jury.member_changed',
        targetType: 'call',
        targetId: callId,
        changes: { juryMemberId: member.id, themeIds: { from: before, to: themeIds } },
      });
      return this.member(manager, callId, member.id);
    });
  }

  /**
   * Takes a juror off the jury: their assignments without any saved score go; scorecards
   * already saved stay (they were made in good faith and are counted).
   */
  async removeMember(actor: SessionUser, callId: string, memberId: string): Promise<void> {
    await this.tx.run(async ({ manager }) => {
      await this.call(manager, callId, true);
      const member = await manager.findOneBy(JuryMember, { id: memberId, callId });
      if (!member || member.removedAt) throw new NotFoundError('juryMember');
      member.removedAt = this.clock.now();
      await manager.save(JuryMember, member);
      // DELETE … RETURNING: TypeORM gives [rows, count]
      const [removed] = await manager.query<[Array<{ id: string }>, number]>(
        `DELETE FROM assignment WHERE jury_member_id = $1 AND status = 'assigned' RETURNING id`,
        [member.id],
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'jury.member_removed',
        targetType: 'call',
        targetId: callId,
        changes: { juryMemberId: member.id, userId: member.userId, assignmentsRemoved: removed.length },
      });
    });
  }

  /** The calls whose jury the viewer is on. */
  async callsOf(viewer: SessionUser): Promise<JurorCallRow[]> {
    return this.dataSource.query<JurorCallRow[]>(
      `SELECT j.id AS "juryMemberId", c.id AS "callId", c.year, c.title_hu AS "titleHu", c.title_en AS "titleEn",
              j.theme_ids AS "themeIds", j.declaration_accepted_at AS "declarationAcceptedAt",
              coalesce(s.scoring_method, 'mean') AS "scoringMethod"
         FROM jury_member j JOIN call c ON c.id = j.call_id
         LEFT JOIN jury_settings s ON s.call_id = c.id
        WHERE j.user_id = $1 AND j.removed_at IS NULL AND c.announced_at IS NOT NULL
        ORDER BY c.year DESC`,
      [viewer.id],
    );
  }

  /** The juror accepts the confidentiality and conflict-of-interest declaration of a call. Repeating it changes nothing. */
  async acceptDeclaration(viewer: SessionUser, callId: string): Promise<JurorCallRow> {
    await this.tx.run(async ({ manager }) => {
      const member = await this.membership(manager, viewer, callId, { declared: false, lock: true });
      if (member.declarationAcceptedAt) return;
      member.declarationAcceptedAt = this.clock.now();
      await manager.save(JuryMember, member);
      await this.audit.record(manager, {
        actorId: viewer.id,
        action: 'jury.declaration_accepted',
        targetType: 'call',
        targetId: callId,
        changes: { juryMemberId: member.id, declarationVersion: DECLARATION_VERSION },
      });
    });
    const row = (await this.callsOf(viewer)).find((call) => call.callId === callId);
    if (!row) throw new NotFoundError('call');
    return row;
  }

  /**
   * The viewer's active membership of the call's jury: 404 when there is none (a call
   * whose jury one is not on does not exist for a juror), 403 DECLARATION_REQUIRED until
   * the declaration is accepted (when `declared`).
   */
  async membership(
    manager: EntityManager,
    viewer: SessionUser,
    callId: string,
    options: { declared: boolean; lock?: boolean },
  ): Promise<JuryMember> {
    const member = await manager.findOne(JuryMember, {
      where: { callId, userId: viewer.id },
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!member || member.removedAt) throw new NotFoundError('call');
    const call = await manager.findOneBy(Call, { id: callId });
    if (!call?.announcedAt) throw new NotFoundError('call');
    if (options.declared && !member.declarationAcceptedAt) throw new DomainError(ErrorCode.DECLARATION_REQUIRED);
    return member;
  }

  /**
   * The eligible applications in the juror's themes, to declare conflicts and mark
   * preferences before assignment: title, municipality and summary (no summary where the
   * juror is in conflict).
   */
  async candidates(viewer: SessionUser, callId: string, page: PageQueryDto): Promise<Page<CandidateRow>> {
    const manager = this.dataSource.manager;
    const member = await this.membership(manager, viewer, callId, { declared: true });
    const rows = await manager.query<Array<CandidateRow & { total: number }>>(
      `SELECT a.id AS "applicationId", a.theme_id AS "themeId", t.title_hu AS "themeTitleHu", t.title_en AS "themeTitleEn",
              a.title, m.name AS "municipalityName",
              CASE WHEN k.source IS NULL THEN a.content ->> 'summary' END AS summary,
              k.source AS conflict, coalesce(p.preference, 'neutral') AS preference,
              count(*) OVER ()::int AS total
         FROM application a
         JOIN call_theme t ON t.id = a.theme_id
         JOIN municipality m ON m.ksh_code = a.municipality_ksh
         LEFT JOIN LATERAL (SELECT c.source FROM jury_conflict c
                             WHERE c.jury_member_id = $2 AND c.application_id = a.id
                             ORDER BY c.source LIMIT 1) k ON true
         LEFT JOIN juror_preference p ON p.jury_member_id = $2 AND p.application_id = a.id
        WHERE a.call_id = $1 AND a.status = 'submitted' AND a.formal_check = 'eligible'
          AND (cardinality($3::uuid[]) = 0 OR a.theme_id = ANY($3::uuid[]))
        ORDER BY t.position, a.title, a.id
        LIMIT $4 OFFSET $5`,
      [callId, member.id, member.themeIds, page.pageSize, offsetOf(page)],
    );
    return pageOf(rows.map(stripTotal), rows[0]?.total ?? 0, page);
  }

  async setPreference(
    viewer: SessionUser,
    callId: string,
    applicationId: string,
    preference: Preference,
  ): Promise<{ applicationId: string; preference: Preference }> {
    return this.tx.run(async ({ manager }) => {
      const member = await this.membership(manager, viewer, callId, { declared: true });
      await this.eligibleApplication(manager, callId, applicationId);
      await manager.upsert(
        JurorPreference,
        { juryMemberId: member.id, applicationId, preference, updatedAt: this.clock.now() },
        ['juryMemberId', 'applicationId'],
      );
      await this.audit.record(manager, {
        actorId: viewer.id,
        action: 'jury.preference_set',
        targetType: 'application',
        targetId: applicationId,
        changes: { juryMemberId: member.id, preference },
      });
      return { applicationId, preference };
    });
  }

  /** The juror declares a conflict of interest with an application of the call, with a reason. */
  async declareConflict(
    viewer: SessionUser,
    callId: string,
    input: { applicationId: string; reason: string },
  ): Promise<ConflictRow> {
    return this.tx.run(async ({ manager }) => {
      // the call's row first (as assignment takes it): a conflict and an assignment never cross
      await this.call(manager, callId, true);
      // a declaration is possible before accepting the declaration text too: it only ever narrows what one sees
      const member = await this.membership(manager, viewer, callId, { declared: false, lock: true });
      await this.eligibleApplication(manager, callId, input.applicationId, true);
      await this.recordConflict(manager, viewer.id, member, input.applicationId, 'declared', input.reason);
      return this.conflictRow(manager, member.id, input.applicationId);
    });
  }

  /** A coordinator records a conflict of interest of a juror with an application. */
  async setConflict(
    actor: SessionUser,
    callId: string,
    input: { juryMemberId: string; applicationId: string; reason: string },
  ): Promise<ConflictRow> {
    return this.tx.run(async ({ manager }) => {
      await this.call(manager, callId, true);
      const member = await manager.findOne(JuryMember, {
        where: { id: input.juryMemberId, callId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!member) throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, { juryMemberId: { key: 'fields.unknown' } });
      await this.eligibleApplication(manager, callId, input.applicationId, true);
      await this.recordConflict(manager, actor.id, member, input.applicationId, 'coordinator', input.reason);
      return this.conflictRow(manager, member.id, input.applicationId);
    });
  }

  /** Every conflict of interest in the call: stored ones and automatic ones. */
  async listConflicts(
    callId: string,
    filter: { juryMemberId?: string; applicationId?: string },
    page: PageQueryDto,
  ): Promise<Page<ConflictRow>> {
    const manager = this.dataSource.manager;
    await this.call(manager, callId);
    const rows = await manager.query<Array<ConflictRow & { total: number }>>(
      `${CONFLICT_SELECT}
        WHERE j.call_id = $1 AND ($2::uuid IS NULL OR c.jury_member_id = $2) AND ($3::uuid IS NULL OR c.application_id = $3)
        ORDER BY u.name, a.title, c.source, a.id
        LIMIT $4 OFFSET $5`,
      [callId, filter.juryMemberId ?? null, filter.applicationId ?? null, page.pageSize, offsetOf(page)],
    );
    return pageOf(rows.map(stripTotal), rows[0]?.total ?? 0, page);
  }

  private async conflictRow(manager: EntityManager, memberId: string, applicationId: string): Promise<ConflictRow> {
    const [row] = await manager.query<Array<ConflictRow & { total: number }>>(
      `${CONFLICT_SELECT} WHERE c.jury_member_id = $1 AND c.application_id = $2 ORDER BY c.source LIMIT 1`,
      [memberId, applicationId],
    );
    return stripTotal(row);
  }

  /**
   * Stores a conflict and takes the juror off the application in every round: assignments
   * without scores go; scorecards already saved are kept but excluded from the result.
   */
  private async recordConflict(
    manager: EntityManager,
    actorId: string,
    member: JuryMember,
    applicationId: string,
    source: 'declared' | 'coordinator',
    reason: string,
  ): Promise<void> {
    try {
      await manager.query('SAVEPOINT conflict_insert');
      await manager.insert(ConflictOfInterest, {
        callId: member.callId,
        juryMemberId: member.id,
        applicationId,
        source,
        reason,
        createdBy: actorId,
        createdAt: this.clock.now(),
      });
      await manager.query('RELEASE SAVEPOINT conflict_insert');
    } catch (error) {
      if (!isUniqueViolation(error, 'uq_conflict_of_interest_member_application')) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT conflict_insert');
      return; // already recorded: nothing changes
    }
    const now = this.clock.now();
    // DELETE/UPDATE … RETURNING: TypeORM gives [rows, count]
    const [removed] = await manager.query<[Array<{ id: string; round_id: string }>, number]>(
      `DELETE FROM assignment WHERE jury_member_id = $1 AND application_id = $2 AND status = 'assigned'
        RETURNING id, round_id`,
      [member.id, applicationId],
    );
    // a juror's own declaration takes their scores out of rounds still open; a closed round's
    // result changes only by a coordinator's decision (who sees the kept scorecards in the audit)
    const [excluded] = await manager.query<[Array<{ id: string; round_id: string; status: string }>, number]>(
      `UPDATE assignment x SET excluded_at = $3, excluded_reason = $4, version = x.version + 1, updated_at = $3
         FROM scoring_round r
        WHERE r.id = x.round_id AND x.jury_member_id = $1 AND x.application_id = $2 AND x.excluded_at IS NULL
          AND ($5 OR (r.closed_at IS NULL AND r.closes_at > $3))
        RETURNING x.id, x.round_id, x.status`,
      [member.id, applicationId, now, `conflict:${source}`, source === 'coordinator'],
    );
    const kept = await manager.query<Array<{ id: string; round_id: string }>>(
      `SELECT id, round_id FROM assignment WHERE jury_member_id = $1 AND application_id = $2 AND excluded_at IS NULL`,
      [member.id, applicationId],
    );
    await this.audit.record(manager, {
      actorId,
      action: source === 'declared' ? 'jury.conflict_declared' : 'jury.conflict_set',
      targetType: 'application',
      targetId: applicationId,
      changes: {
        juryMemberId: member.id,
        userId: member.userId,
        reason,
        assignmentsRemoved: removed.map((row) => row.id),
        scorecardsExcluded: excluded.map((row) => ({
          assignmentId: row.id,
          roundId: row.round_id,
          status: row.status,
        })),
        scorecardsKeptInClosedRounds: kept.map((row) => ({ assignmentId: row.id, roundId: row.round_id })),
      },
    });
  }

  /** A submitted, eligible application of the call (400 naming applicationId otherwise). */
  private async eligibleApplication(
    manager: EntityManager,
    callId: string,
    applicationId: string,
    anySubmitted = false,
  ): Promise<void> {
    const [row] = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM application WHERE id = $1 AND call_id = $2 AND status = 'submitted'
          AND ($3 OR formal_check = 'eligible')`,
      [applicationId, callId, anySubmitted],
    );
    if (!row) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        {},
        { applicationId: { key: 'fields.notAnApplicationOfCall' } },
      );
    }
  }

  private async checkThemes(manager: EntityManager, callId: string, themeIds: string[]): Promise<string[]> {
    const unique = [...new Set(themeIds)].sort();
    if (!unique.length) return [];
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM call_theme WHERE call_id = $1 AND id = ANY($2::uuid[]) AND removed_at IS NULL`,
      [callId, unique],
    );
    if (rows.length !== unique.length) {
      const fields: FieldProblems = { themeIds: { key: 'fields.notAThemeOfCall' } };
      throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, fields);
    }
    return unique;
  }

  /** The call (404), optionally locked, refusing changes once its results are decided. */
  async call(manager: EntityManager, callId: string, forChange = false): Promise<Call> {
    const call = await manager.findOne(Call, {
      where: { id: callId },
      lock: forChange ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!call) throw new NotFoundError('call');
    if (forChange) {
      const status = callStatus(call, this.clock.now());
      if (!JURY_OPEN_STATUSES.includes(status)) throw new DomainError(ErrorCode.CALL_WRONG_STATUS, { status });
    }
    return call;
  }
}

const MEMBER_SELECT = `
  SELECT j.id, j.call_id AS "callId", j.user_id AS "userId", u.name, u.email,
         j.organisation_id AS "organisationId", o.code AS "organisationCode",
         o.name_hu AS "organisationNameHu", o.name_en AS "organisationNameEn",
         j.theme_ids AS "themeIds", j.declaration_accepted_at AS "declarationAcceptedAt",
         j.added_at AS "addedAt", j.removed_at AS "removedAt", count(*) OVER ()::int AS total
    FROM jury_member j
    JOIN app_user u ON u.id = j.user_id
    JOIN organisation o ON o.id = j.organisation_id`;

const CONFLICT_SELECT = `
  SELECT c.jury_member_id AS "juryMemberId", u.name AS "jurorName", c.application_id AS "applicationId",
         a.title AS "applicationTitle", m.name AS "municipalityName", c.source, c.reason, c.created_at AS "createdAt",
         count(*) OVER ()::int AS total
    FROM jury_conflict c
    JOIN jury_member j ON j.id = c.jury_member_id
    JOIN app_user u ON u.id = j.user_id
    JOIN application a ON a.id = c.application_id
    JOIN municipality m ON m.ksh_code = a.municipality_ksh`;

/** A row without the window count (`count(*) OVER ()`) a paginated query adds to each row. */
export function stripTotal<T extends object>(row: T & { total?: number }): T {
  const { total: _total, ...rest } = row;
  return rest as T;
}
