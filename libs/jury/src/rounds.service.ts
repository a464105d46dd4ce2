import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService } from '@portal/audit';
import { CallCriterion, callStatus, isCallManager } from '@portal/calls';
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
  toBudapestIso,
} from '@portal/core';
import { Transactions } from '@portal/database';
import type { SessionUser } from '@portal/identity';
import { JuryMember } from './jury-member.entity';
import { ROUND_SCORES_SQL } from './round-scores.sql';
import { JuryService, stripTotal } from './jury.service';
import {
  type MethodWinners,
  type RankedRow,
  type RankingResult,
  rankTotals,
  type ScoringMethod,
  round4,
  sensitivity,
  type TotalsRankingInput,
} from '@portal/scoring';
import { RoundCriterion, RoundEntry, ScoringRound } from './scoring-round.entity';

export type RoundState = 'upcoming' | 'open' | 'closed';

/** Open in [opens_at, closes_at) unless a coordinator closed it earlier. */
export function roundState(round: Pick<ScoringRound, 'opensAt' | 'closesAt' | 'closedAt'>, now: Date): RoundState {
  if (round.closedAt || now.getTime() >= round.closesAt.getTime()) return 'closed';
  return now.getTime() < round.opensAt.getTime() ? 'upcoming' : 'open';
}

export interface CriterionInput {
  nameHu: string;
  nameEn: string;
  guidanceHu?: string;
  guidanceEn?: string;
  weight: number;
  maxPoints: number;
  tieBreakOrder?: number | null;
}

export interface ShortlistInput {
  /** The applications ranked at most n in each theme of the previous round (ties at the cut go through). */
  topPerTheme?: number;
  /** Or chosen by hand: applications of the previous round. */
  applicationIds?: string[];
}

export interface NewRound {
  nameHu?: string;
  nameEn?: string;
  opensAt?: Date;
  closesAt: Date;
  /** A subset of the call's jury; omitted: the whole jury. */
  juryMemberIds?: string[];
  /** The round's own criteria; omitted: the call's (round 1) or the previous round's. */
  criteria?: CriterionInput[];
  /** Required from round 2 on: who goes through from the previous round. */
  shortlist?: ShortlistInput;
}

export interface RoundChanges {
  version?: number;
  nameHu?: string;
  nameEn?: string;
  opensAt?: Date;
  closesAt?: Date;
  juryMemberIds?: string[] | null;
}

export interface RoundDetail {
  round: ScoringRound;
  state: RoundState;
  criteria: RoundCriterion[];
  applications: number;
}

/** A round's criterion as the ranking and the results record use it. */
export interface RoundCriterionRecord {
  id: string;
  nameHu: string;
  nameEn: string;
  weight: number;
  maxPoints: number;
  tieBreakOrder: number | null;
}

/** One scorecard as the results record keeps it. */
export interface ScorecardRecord {
  assignmentId: string;
  applicationId: string;
  juryMemberId: string;
  organisationCode: string;
  status: string;
  counted: boolean;
  excludedReason: string | null;
  points: Record<string, number | null>;
  abstentions: Record<string, string>;
}

export interface RankingRow extends RankedRow {
  title: string;
  municipalityName: string;
}

export interface RankingQuery extends PageQueryDto {
  themeId?: string;
  flagged?: boolean;
}

/** A page of a round's ranking, with the method that produced it and its notes (see @portal/scoring). */
export interface RankingPage extends Page<RankingRow> {
  methodRequested: ScoringMethod;
  methodUsed: ScoringMethod;
  notes: string[];
}

export interface JurorProgressRow {
  juryMemberId: string;
  name: string;
  organisationCode: string;
  assigned: number;
  started: number;
  submitted: number;
  excluded: number;
}

export interface ApplicationProgressRow {
  applicationId: string;
  title: string;
  municipalityName: string;
  themeId: string;
  needed: number;
  assigned: number;
  submitted: number;
}

/**
 * Scoring rounds: round 1 over every eligible application, later rounds over a shortlist
 * of the previous round's ranking, each with its own criteria, jury and window.
 */
/** The text a round's gate (an advisory lock) is keyed by, before the round's id. */
const GATE_KEY = 'scoring_round:';

@Injectable()
export class RoundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly jury: JuryService,
  ) {}

  async list(viewer: SessionUser, callId: string): Promise<RoundDetail[]> {
    const manager = this.dataSource.manager;
    await this.jury.call(manager, callId);
    const member = isCallManager(viewer)
      ? null
      : await this.jury.membership(manager, viewer, callId, { declared: true });
    const rounds = (await manager.find(ScoringRound, { where: { callId }, order: { number: 'ASC' } })).filter(
      (round) => !member || !round.juryMemberIds || round.juryMemberIds.includes(member.id),
    );
    return Promise.all(rounds.map((round) => this.detail(manager, round)));
  }

  async get(viewer: SessionUser, roundId: string): Promise<RoundDetail> {
    const manager = this.dataSource.manager;
    const round = await this.visible(manager, viewer, roundId);
    return this.detail(manager, round);
  }

  /**
   * Opens a new round of a call whose scoring has started. Round 1 takes the call's
   * criteria; a later round needs the previous round closed and a shortlist from it.
   */
  async create(actor: SessionUser, callId: string, input: NewRound): Promise<RoundDetail> {
    return this.tx.run(async ({ manager }) => {
      const call = await this.jury.call(manager, callId, true);
      const now = this.clock.now();
      if (callStatus(call, now) !== 'scoring') {
        throw new DomainError(ErrorCode.CALL_WRONG_STATUS, { status: callStatus(call, now) });
      }
      const previous = await manager.findOne(ScoringRound, { where: { callId }, order: { number: 'DESC' } });
      const number = (previous?.number ?? 0) + 1;
      const opensAt = input.opensAt ?? now;
      const fields: FieldProblems = {};
      if (input.closesAt.getTime() <= opensAt.getTime()) fields.closesAt = { key: 'fields.closesAfterOpens' };
      if (input.closesAt.getTime() <= now.getTime()) fields.closesAt = { key: 'fields.mustBeInFuture' };
      if (number === 1 && input.shortlist) fields.shortlist = { key: 'fields.noShortlistInFirstRound' };
      if (number > 1 && !input.shortlist) fields.shortlist = { key: 'fields.shortlistRequired' };
      if (Object.keys(fields).length) throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, fields);
      if (previous && roundState(previous, now) !== 'closed') {
        throw new DomainError(ErrorCode.ROUND_WRONG_STATE, { state: roundState(previous, now) });
      }
      const juryMemberIds = input.juryMemberIds ? await this.checkJury(manager, callId, input.juryMemberIds) : null;
      let shortlisted: string[] = [];
      if (previous && input.shortlist) shortlisted = await this.shortlist(manager, previous, input.shortlist);

      const round = await manager.save(
        ScoringRound,
        manager.create(ScoringRound, {
          callId,
          number,
          nameHu: input.nameHu?.trim() || `${number}. forduló`,
          nameEn: input.nameEn?.trim() || `Round ${number}`,
          opensAt,
          closesAt: input.closesAt,
          juryMemberIds,
          createdBy: actor.id,
          createdAt: now,
        }),
      );
      const criteria = input.criteria?.length
        ? input.criteria.map((c, index) => ({ ...c, position: index + 1, sourceCriterionId: null }))
        : await this.inheritedCriteria(manager, callId, previous);
      if (!criteria.length) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, { criteria: { key: 'fields.criterionRequired' } });
      }
      checkTieBreaks(criteria);
      await manager.insert(
        RoundCriterion,
        criteria.map((c) =>
          manager.create(RoundCriterion, {
            roundId: round.id,
            position: c.position,
            nameHu: c.nameHu,
            nameEn: c.nameEn,
            guidanceHu: c.guidanceHu ?? '',
            guidanceEn: c.guidanceEn ?? '',
            weight: String(c.weight),
            maxPoints: c.maxPoints,
            tieBreakOrder: c.tieBreakOrder ?? null,
            sourceCriterionId: c.sourceCriterionId,
          }),
        ),
      );
      if (shortlisted.length) {
        await manager.insert(
          RoundEntry,
          shortlisted.map((applicationId) => ({ roundId: round.id, applicationId, addedBy: actor.id, addedAt: now })),
        );
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'round.created',
        targetType: 'scoring_round',
        targetId: round.id,
        changes: {
          callId,
          number,
          opensAt: opensAt.toISOString(),
          closesAt: input.closesAt.toISOString(),
          juryMemberIds,
          criteria: criteria.length,
          ownCriteria: !!input.criteria?.length,
          shortlist: previous ? { fromRoundId: previous.id, ...input.shortlist, applicationIds: shortlisted } : null,
        },
      });
      return this.detail(manager, round);
    });
  }

  /** Changes the window, names or jury of a round that has not closed. */
  async update(actor: SessionUser, roundId: string, changes: RoundChanges): Promise<RoundDetail> {
    return this.tx.run(async ({ manager }) => {
      const round = await this.lock(manager, roundId);
      const now = this.clock.now();
      if (roundState(round, now) === 'closed') throw new DomainError(ErrorCode.ROUND_WRONG_STATE, { state: 'closed' });
      if (changes.version !== undefined && changes.version !== round.version) {
        throw new DomainError(ErrorCode.STALE_VERSION, {}, undefined, { currentVersion: round.version });
      }
      const before = {
        nameHu: round.nameHu,
        nameEn: round.nameEn,
        opensAt: round.opensAt.toISOString(),
        closesAt: round.closesAt.toISOString(),
        juryMemberIds: round.juryMemberIds,
      };
      if (changes.nameHu !== undefined) round.nameHu = changes.nameHu.trim() || round.nameHu;
      if (changes.nameEn !== undefined) round.nameEn = changes.nameEn.trim() || round.nameEn;
      if (changes.opensAt) round.opensAt = changes.opensAt;
      if (changes.closesAt) round.closesAt = changes.closesAt;
      let takenOff: { removed: string[]; excluded: string[] } | null = null;
      if (changes.juryMemberIds !== undefined) {
        round.juryMemberIds = changes.juryMemberIds
          ? await this.checkJury(manager, round.callId, changes.juryMemberIds)
          : null;
        takenOff = await this.takeOffRound(manager, round, now);
      }
      const fields: FieldProblems = {};
      if (round.closesAt.getTime() <= round.opensAt.getTime()) fields.closesAt = { key: 'fields.closesAfterOpens' };
      if (changes.closesAt && changes.closesAt.getTime() <= now.getTime()) {
        fields.closesAt = { key: 'fields.mustBeInFuture' };
      }
      if (Object.keys(fields).length) throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, fields);
      round.version += 1;
      await manager.save(ScoringRound, round);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'round.changed',
        targetType: 'scoring_round',
        targetId: round.id,
        changes: {
          from: before,
          to: {
            nameHu: round.nameHu,
            nameEn: round.nameEn,
            opensAt: round.opensAt.toISOString(),
            closesAt: round.closesAt.toISOString(),
            juryMemberIds: round.juryMemberIds,
          },
          assignmentsRemoved: takenOff?.removed ?? [],
          scorecardsExcluded: takenOff?.excluded ?? [],
        },
      });
      return this.detail(manager, round);
    });
  }

  /**
   * After the round's jury changed: the assignments of jurors no longer on it go when
   * unscored; scored ones are kept but excluded (a scorecard never counts from outside the jury).
   */
  private async takeOffRound(
    manager: EntityManager,
    round: ScoringRound,
    now: Date,
  ): Promise<{ removed: string[]; excluded: string[] }> {
    if (!round.juryMemberIds) return { removed: [], excluded: [] };
    // DELETE/UPDATE … RETURNING: TypeORM gives [rows, count]
    const [removed] = await manager.query<[Array<{ id: string }>, number]>(
      `DELETE FROM assignment WHERE round_id = $1 AND status = 'assigned' AND NOT (jury_member_id = ANY($2::uuid[]))
       RETURNING id`,
      [round.id, round.juryMemberIds],
    );
    const [excluded] = await manager.query<[Array<{ id: string }>, number]>(
      `UPDATE assignment SET excluded_at = $3, excluded_reason = 'removed_from_round', version = version + 1, updated_at = $3
        WHERE round_id = $1 AND excluded_at IS NULL AND NOT (jury_member_id = ANY($2::uuid[]))
        RETURNING id`,
      [round.id, round.juryMemberIds, now],
    );
    return { removed: removed.map((r) => r.id), excluded: excluded.map((r) => r.id) };
  }

  /**
   * Closes the round now (or seals it after its closing instant). Takes the round's gate
   * alone, so a scorecard save in flight either committed before (and counts) or sees the
   * round closed (and is refused).
   */
  async close(actor: SessionUser, roundId: string, version?: number): Promise<RoundDetail> {
    return this.tx.run(async ({ manager }) => {
      await this.find(manager, roundId);
      await this.gate(manager, roundId, 'exclusive');
      const round = await this.lock(manager, roundId);
      if (round.closedAt) throw new DomainError(ErrorCode.ROUND_WRONG_STATE, { state: 'closed' });
      if (version !== undefined && version !== round.version) {
        throw new DomainError(ErrorCode.STALE_VERSION, {}, undefined, { currentVersion: round.version });
      }
      const now = this.clock.now();
      round.closedAt = now.getTime() < round.closesAt.getTime() ? now : round.closesAt;
      round.version += 1;
      await manager.save(ScoringRound, round);
      const [counts] = await manager.query<Array<{ submitted: number; unfinished: number }>>(
        `SELECT count(*) FILTER (WHERE status = 'submitted')::int AS submitted,
                count(*) FILTER (WHERE status <> 'submitted')::int AS unfinished
           FROM assignment WHERE round_id = $1 AND excluded_at IS NULL`,
        [round.id],
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'round.closed',
        targetType: 'scoring_round',
        targetId: round.id,
        changes: { closedAt: round.closedAt.toISOString(), ...counts },
      });
      return this.detail(manager, round);
    });
  }

  /**
   * The round's ranking per theme, a page at a time (themes in id order, then rank), optionally one theme's or only
   * the flagged (or unflagged) applications. Coordinators see it at any time; the round's jurors only after it
   * closed, and never the applications they are in conflict with. The whole ranking is computed for every page (a
   * rank depends on every application of its theme); only the page's rows are named and sent.
   */
  async ranking(viewer: SessionUser, roundId: string, query: RankingQuery): Promise<RankingPage> {
    const manager = this.dataSource.manager;
    const round = await this.visible(manager, viewer, roundId);
    let hidden = new Set<string>();
    if (!isCallManager(viewer)) {
      if (roundState(round, this.clock.now()) !== 'closed') throw new DomainError(ErrorCode.SCORES_SEALED);
      const member = await this.jury.membership(manager, viewer, round.callId, { declared: true });
      const conflicts = await manager.query<Array<{ application_id: string }>>(
        `SELECT application_id FROM jury_conflict WHERE jury_member_id = $1`,
        [member.id],
      );
      hidden = new Set(conflicts.map((row) => row.application_id));
    }
    const result = await this.rankWith(manager, round, {});
    const wanted = result.rows.filter(
      (row) =>
        !hidden.has(row.applicationId) &&
        (query.themeId === undefined || row.themeId === query.themeId.toLowerCase()) &&
        (query.flagged === undefined || row.flagged === query.flagged),
    );
    const slice = wanted.slice(offsetOf(query), offsetOf(query) + query.pageSize);
    const names = slice.length
      ? await manager.query<Array<{ id: string; title: string; municipality_name: string }>>(
          `SELECT a.id, a.title, m.name AS municipality_name FROM application a
             JOIN municipality m ON m.ksh_code = a.municipality_ksh WHERE a.id = ANY($1::uuid[])`,
          [slice.map((row) => row.applicationId)],
        )
      : [];
    const byId = new Map(names.map((row) => [row.id, row]));
    const items = slice.map((row) => ({
      ...row,
      title: byId.get(row.applicationId)?.title ?? '',
      municipalityName: byId.get(row.applicationId)?.municipality_name ?? '',
    }));
    return {
      ...pageOf(items, wanted.length, query),
      methodRequested: result.methodRequested,
      methodUsed: result.methodUsed,
      notes: result.notes,
    };
  }

  /** The ranking of every application of the round by the call's method (see @portal/scoring). */
  async rank(manager: EntityManager, round: ScoringRound): Promise<RankedRow[]> {
    return (await this.rankWith(manager, round, {})).rows;
  }

  /**
   * The round's ranking by the call's method, from its counted scorecards (submitted, not
   * excluded, no automatic conflict), with the committee's order for ties the chain cannot
   * break. A declared or coordinator-set conflict takes a scorecard out by excluding it
   * (recorded and audited when the conflict is), never by the conflict's mere existence.
   */
  async rankWith(
    manager: EntityManager,
    round: ScoringRound,
    committeeOrder: Record<string, readonly string[]>,
  ): Promise<RankingResult & { criteria: RoundCriterionRecord[]; input: TotalsRankingInput }> {
    const settings = await this.jury.settings(round.callId, manager);
    const criteria = await manager.find(RoundCriterion, { where: { roundId: round.id }, order: { position: 'ASC' } });
    const applications = await manager.query<Array<{ id: string; themeId: string }>>(
      `SELECT a.id, a.theme_id AS "themeId"
         FROM round_application ra JOIN application a ON a.id = ra.application_id
        WHERE ra.round_id = $1`,
      [round.id],
    );
    // the counted scorecards, summed in the database: per scorecard the weighted points and the weighted maximum of
    // the criteria scored (abstentions leave both), per application and criterion the points' sum and count
    // One pass over the round's counted scorecards (submitted, not excluded, no automatic conflict, the application
    // still in the round: the rules of the views round_application and jury_conflict, spelt out here so that
    // PostgreSQL evaluates them per application and per scorecard of this round only, not over the whole call).
    // It returns per scorecard the weighted points and the weighted maximum of the criteria scored (abstentions leave
    // both), and per application and criterion the points' sum and count.
    const rows = await manager.query<
      Array<{ kind: 'total' | 'mean'; application_id: string; key: string; a: string; b: string }>
    >(ROUND_SCORES_SQL, [round.id]);
    const sums = rows
      .filter((row) => row.kind === 'total')
      .map((row) => ({
        application_id: row.application_id,
        juror_id: row.key,
        wp: row.a,
        wmax: row.b,
      }));
    const means = rows
      .filter((row) => row.kind === 'mean')
      .map((row) => ({
        application_id: row.application_id,
        criterion_id: row.key,
        total: row.a,
        n: Number(row.b),
      }));
    const totals = sums
      .filter((row) => Number(row.wmax) > 0)
      .map((row) => ({
        jurorId: row.juror_id,
        applicationId: row.application_id,
        total: round4(Math.min(100, Math.max(0, (Number(row.wp) / Number(row.wmax)) * 100))),
      }));
    const criterionMeans: Record<string, Record<string, number | null>> = {};
    for (const row of means) {
      (criterionMeans[row.application_id] ??= {})[row.criterion_id] = round4(Number(row.total) / row.n);
    }
    const records: RoundCriterionRecord[] = criteria.map((c) => ({
      id: c.id,
      nameHu: c.nameHu,
      nameEn: c.nameEn,
      weight: Number(c.weight),
      maxPoints: c.maxPoints,
      tieBreakOrder: c.tieBreakOrder,
    }));
    const input: TotalsRankingInput = {
      method: settings.scoringMethod,
      criteria: records,
      applications,
      totals,
      criterionMeans,
      minAwardScore: settings.minAwardScore,
      disagreementThreshold: settings.disagreementThreshold,
      committeeOrder,
    };
    return { ...rankTotals(input), criteria: records, input };
  }

  /** Every scorecard of the round as the results record keeps it: counted or not (and why), points and abstentions. */
  async scorecardsForRecord(manager: EntityManager, round: ScoringRound): Promise<ScorecardRecord[]> {
    const rows = await manager.query<
      Array<{
        assignment_id: string;
        application_id: string;
        jury_member_id: string;
        organisation_code: string;
        status: string;
        excluded_reason: string | null;
        conflict: string | null;
        criterion_id: string | null;
        points: string | null;
        abstain_reason: string | null;
      }>
    >(
      `SELECT x.id AS assignment_id, x.application_id, x.jury_member_id, o.code AS organisation_code, x.status,
              x.excluded_reason,
              (SELECT c.source FROM jury_conflict c WHERE c.jury_member_id = x.jury_member_id
                  AND c.application_id = x.application_id AND c.source IN ('municipality', 'partner')
                ORDER BY c.source LIMIT 1) AS conflict,
              s.criterion_id, s.points, s.abstain_reason
         FROM assignment x
         JOIN jury_member j ON j.id = x.jury_member_id
         JOIN organisation o ON o.id = j.organisation_id
         LEFT JOIN score s ON s.assignment_id = x.id
        WHERE x.round_id = $1 AND x.status <> 'assigned'
        ORDER BY x.application_id, x.id`,
      [round.id],
    );
    const records = new Map<string, ScorecardRecord>();
    for (const row of rows) {
      let record = records.get(row.assignment_id);
      if (!record) {
        const excludedReason = row.excluded_reason ?? (row.conflict ? `conflict:${row.conflict}` : null);
        record = {
          assignmentId: row.assignment_id,
          applicationId: row.application_id,
          juryMemberId: row.jury_member_id,
          organisationCode: row.organisation_code,
          status: row.status,
          counted: row.status === 'submitted' && excludedReason === null,
          excludedReason: excludedReason ?? (row.status === 'submitted' ? null : 'not_submitted'),
          points: {},
          abstentions: {},
        };
        records.set(row.assignment_id, record);
      }
      if (!row.criterion_id) continue;
      record.points[row.criterion_id] = row.points === null ? null : Number(row.points);
      if (row.abstain_reason) record.abstentions[row.criterion_id] = row.abstain_reason;
    }
    return [...records.values()];
  }

  /** The winners (the best n of each theme) under every scoring method side by side, and whether they differ. */
  async sensitivity(
    roundId: string,
    topN = 1,
  ): Promise<{ requested: string; methods: MethodWinners[]; differs: boolean }> {
    const manager = this.dataSource.manager;
    const round = await this.find(manager, roundId);
    const { input } = await this.rankWith(manager, round, {});
    return { requested: input.method, ...sensitivity(input, topN) };
  }

  /** Per juror of the round: assigned, started, submitted and excluded scorecards. */
  async jurorProgress(roundId: string, page: PageQueryDto): Promise<Page<JurorProgressRow>> {
    const manager = this.dataSource.manager;
    const round = await this.find(manager, roundId);
    const rows = await manager.query<Array<JurorProgressRow & { total: number }>>(
      `SELECT j.id AS "juryMemberId", u.name, o.code AS "organisationCode",
              count(a.id) FILTER (WHERE a.excluded_at IS NULL)::int AS assigned,
              count(a.id) FILTER (WHERE a.excluded_at IS NULL AND a.status = 'draft')::int AS started,
              count(a.id) FILTER (WHERE a.excluded_at IS NULL AND a.status = 'submitted')::int AS submitted,
              count(a.id) FILTER (WHERE a.excluded_at IS NOT NULL)::int AS excluded,
              count(*) OVER ()::int AS total
         FROM jury_member j
         JOIN app_user u ON u.id = j.user_id
         JOIN organisation o ON o.id = j.organisation_id
         LEFT JOIN assignment a ON a.jury_member_id = j.id AND a.round_id = $1
        WHERE j.call_id = $2
          AND ((j.removed_at IS NULL AND ($3::uuid[] IS NULL OR j.id = ANY($3::uuid[]))) OR a.id IS NOT NULL)
        GROUP BY j.id, u.name, o.code
        ORDER BY u.name, j.id
        LIMIT $4 OFFSET $5`,
      [round.id, round.callId, round.juryMemberIds, page.pageSize, offsetOf(page)],
    );
    return pageOf(rows.map(stripTotal), rows[0]?.total ?? 0, page);
  }

  /** Per application of the round: jurors needed, assigned and submitted. */
  async applicationProgress(roundId: string, page: PageQueryDto): Promise<Page<ApplicationProgressRow>> {
    const manager = this.dataSource.manager;
    const round = await this.find(manager, roundId);
    const { jurorsPerApplication } = await this.jury.settings(round.callId, manager);
    const rows = await manager.query<Array<ApplicationProgressRow & { total: number }>>(
      `SELECT ap.id AS "applicationId", ap.title, m.name AS "municipalityName", ap.theme_id AS "themeId",
              $2::int AS needed,
              count(a.id) FILTER (WHERE a.excluded_at IS NULL)::int AS assigned,
              count(a.id) FILTER (WHERE a.excluded_at IS NULL AND a.status = 'submitted')::int AS submitted,
              count(*) OVER ()::int AS total
         FROM round_application ra
         JOIN application ap ON ap.id = ra.application_id
         JOIN municipality m ON m.ksh_code = ap.municipality_ksh
         LEFT JOIN assignment a ON a.round_id = ra.round_id AND a.application_id = ap.id
        WHERE ra.round_id = $1
        GROUP BY ap.id, ap.title, m.name, ap.theme_id
        ORDER BY count(a.id) FILTER (WHERE a.excluded_at IS NULL AND a.status = 'submitted'), ap.title, ap.id
        LIMIT $3 OFFSET $4`,
      [round.id, jurorsPerApplication, page.pageSize, offsetOf(page)],
    );
    return pageOf(rows.map(stripTotal), rows[0]?.total ?? 0, page);
  }

  async find(manager: EntityManager, roundId: string): Promise<ScoringRound> {
    const round = await manager.findOneBy(ScoringRound, { id: roundId });
    if (!round) throw new NotFoundError('round');
    return round;
  }

  /** The round with its row locked for a change (FOR UPDATE). */
  async lock(manager: EntityManager, roundId: string): Promise<ScoringRound> {
    const round = await manager.findOne(ScoringRound, { where: { id: roundId }, lock: { mode: 'pessimistic_write' } });
    if (!round) throw new NotFoundError('round');
    return round;
  }

  /**
   * The round's gate, held to the end of the transaction: scorecard saves pass it shared,
   * closing takes it alone. A transaction-level advisory lock, because PostgreSQL queues
   * those fairly: a waiting close holds back the saves that come after it, where a row lock
   * in share mode would let a steady stream of saves keep the close waiting.
   */
  async gate(manager: EntityManager, roundId: string, mode: 'shared' | 'exclusive'): Promise<void> {
    const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
    await manager.query(`SELECT ${lock}(hashtextextended($1, 0))`, [`${GATE_KEY}${roundId}`]);
  }

  /**
   * Passes the gate of the assignment's round (found from the assignment in the same
   * statement) and answers the round's id; an assignment that does not exist is not found.
   */
  async gateOfAssignment(manager: EntityManager, assignmentId: string, mode: 'shared' | 'exclusive'): Promise<string> {
    const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
    const [row] = await manager.query<Array<{ roundId: string }>>(
      `SELECT x.round_id AS "roundId", ${lock}(hashtextextended($2 || x.round_id::text, 0))
         FROM assignment x WHERE x.id = $1`,
      [assignmentId, GATE_KEY],
    );
    if (!row) throw new NotFoundError('assignment');
    return row.roundId;
  }

  /** Refuses a save unless the round is open now (decided after passing the round's gate). */
  assertOpen(round: ScoringRound, now: Date): void {
    if (roundState(round, now) !== 'open') {
      throw new DomainError(ErrorCode.ROUND_NOT_OPEN, {
        opensAt: toBudapestIso(round.opensAt),
        closesAt: toBudapestIso(round.closedAt ?? round.closesAt),
      });
    }
  }

  /** The round for a coordinator, or for a juror on its jury who accepted the declaration (404 otherwise). */
  private async visible(manager: EntityManager, viewer: SessionUser, roundId: string): Promise<ScoringRound> {
    const round = await this.find(manager, roundId);
    if (isCallManager(viewer)) return round;
    const member = await this.jury.membership(manager, viewer, round.callId, { declared: true });
    if (round.juryMemberIds && !round.juryMemberIds.includes(member.id)) throw new NotFoundError('round');
    return round;
  }

  private async detail(manager: EntityManager, round: ScoringRound): Promise<RoundDetail> {
    const criteria = await manager.find(RoundCriterion, { where: { roundId: round.id }, order: { position: 'ASC' } });
    const [{ count }] = await manager.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM round_application WHERE round_id = $1`,
      [round.id],
    );
    return { round, state: roundState(round, this.clock.now()), criteria, applications: count };
  }

  private async inheritedCriteria(
    manager: EntityManager,
    callId: string,
    previous: ScoringRound | null,
  ): Promise<Array<CriterionInput & { position: number; sourceCriterionId: string | null }>> {
    if (previous) {
      const criteria = await manager.find(RoundCriterion, {
        where: { roundId: previous.id },
        order: { position: 'ASC' },
      });
      return criteria.map((c) => ({ ...c, weight: Number(c.weight) }));
    }
    const criteria = await manager.find(CallCriterion, {
      where: { callId, removedAt: IsNull() },
      order: { position: 'ASC' },
    });
    return criteria.map((c, index) => ({
      nameHu: c.nameHu,
      nameEn: c.nameEn,
      guidanceHu: c.guidanceHu,
      guidanceEn: c.guidanceEn,
      weight: Number(c.weight),
      maxPoints: c.maxPoints,
      tieBreakOrder: c.tieBreakOrder,
      position: index + 1,
      sourceCriterionId: c.id,
    }));
  }

  /** The applications going through from `previous` (which must be closed). */
  private async shortlist(manager: EntityManager, previous: ScoringRound, input: ShortlistInput): Promise<string[]> {
    const byHand = input.applicationIds !== undefined;
    const byRank = input.topPerTheme !== undefined;
    if (byHand === byRank) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, { shortlist: { key: 'fields.shortlistOneWay' } });
    }
    const ranked = await this.rank(manager, previous);
    if (byRank) {
      const n = input.topPerTheme ?? 0;
      return ranked
        .filter((row) => row.rank !== null && row.rank <= n)
        .map((row) => row.applicationId)
        .sort();
    }
    const inRound = new Set(ranked.map((row) => row.applicationId));
    const chosen = [...new Set(input.applicationIds)];
    const outside = chosen.filter((id) => !inRound.has(id));
    if (outside.length || !chosen.length) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        {},
        { 'shortlist.applicationIds': { key: 'fields.notInPreviousRound', args: { ids: outside.join(', ') } } },
      );
    }
    return chosen.sort();
  }

  private async checkJury(manager: EntityManager, callId: string, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)].sort();
    const members = await manager.find(JuryMember, { where: { callId, removedAt: IsNull() } });
    const known = new Set(members.map((m) => m.id));
    if (!unique.length || unique.some((id) => !known.has(id))) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, { juryMemberIds: { key: 'fields.notJuryMembers' } });
    }
    return unique;
  }
}

function checkTieBreaks(criteria: ReadonlyArray<{ tieBreakOrder?: number | null }>): void {
  const orders = criteria.map((c) => c.tieBreakOrder).filter((o): o is number => typeof o === 'number');
  if (new Set(orders).size !== orders.length) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, { criteria: { key: 'fields.tieBreakRepeated' } });
  }
}
