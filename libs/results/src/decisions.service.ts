import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@portal/audit';
import { Call, callStatus } from '@portal/calls';
import { Clock, DomainError, ErrorCode, FieldProblems, NotFoundError } from '@portal/core';
import { Transactions } from '@portal/database';
import type { SessionUser } from '@portal/identity';
import { RoundsService, roundState, ScoringRound } from '@portal/jury';
import type { RankedRow } from '@portal/scoring';
import { AwardDecision, AwardLevel, ThemeDecision } from './results.entities';

/** The award levels a call has until coordinators set their own. */
export const DEFAULT_AWARD_LEVELS: ReadonlyArray<Omit<AwardLevel, 'callId' | 'call'>> = [
  { code: 'winner', position: 1, nameHu: 'Nyertes', nameEn: 'Winner' },
  { code: 'special_prize', position: 2, nameHu: 'Különdíj', nameEn: 'Special prize' },
  { code: 'commendation', position: 3, nameHu: 'Elismerő oklevél', nameEn: 'Commendation' },
];

export interface AwardLevelView {
  code: string;
  position: number;
  nameHu: string;
  nameEn: string;
}

export interface ThemeAwardsInput {
  /** The awards in order (first: the best placed), each with its level. */
  awards: Array<{ applicationId: string; level: string }>;
  /** Required when the awards depart from the ranking. */
  justification?: string;
  /** The committee's order for ties the chain could not break (application ids). */
  committeeOrder?: string[];
  /** Required to change a theme once the call's results are decided: what is corrected and why. */
  correction?: string;
}

export interface ThemeDecisionView {
  themeId: string;
  roundId: string;
  followsRanking: boolean;
  justification: string | null;
  committeeOrder: string[];
  version: number;
  decidedAt: Date;
  awards: Array<{
    applicationId: string;
    level: string;
    position: number;
    rankAtDecision: number | null;
    scoreAtDecision: number | null;
  }>;
}

/**
 * Award levels and the coordinators' decisions: per theme, on the ranking of the call's
 * last (closed) round; departing from it needs a written justification. Deciding the call
 * freezes the decisions: a later change is a correction, with its reason, published as a
 * new version. Everything is audited.
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly rounds: RoundsService,
  ) {}

  async awardLevels(callId: string, manager: EntityManager = this.dataSource.manager): Promise<AwardLevelView[]> {
    await this.call(manager, callId);
    const stored = await manager.find(AwardLevel, { where: { callId }, order: { position: 'ASC' } });
    return stored.length
      ? stored.map(({ code, position, nameHu, nameEn }) => ({ code, position, nameHu, nameEn }))
      : [...DEFAULT_AWARD_LEVELS];
  }

  /** Replaces the call's award levels (in order) while no theme has been decided. */
  async setAwardLevels(
    actor: SessionUser,
    callId: string,
    levels: Array<{ code: string; nameHu: string; nameEn: string }>,
  ): Promise<AwardLevelView[]> {
    return this.tx.run(async ({ manager }) => {
      await this.call(manager, callId, true);
      const [{ decided }] = await manager.query<Array<{ decided: boolean }>>(
        `SELECT EXISTS (SELECT 1 FROM theme_decision WHERE call_id = $1) AS decided`,
        [callId],
      );
      if (decided) throw new DomainError(ErrorCode.RESULTS_FROZEN, {}, { levels: { key: 'fields.levelsInUse' } });
      const codes = levels.map((l) => l.code);
      if (new Set(codes).size !== codes.length) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, { levels: { key: 'fields.levelCodeRepeated' } });
      }
      const before = await this.awardLevels(callId, manager);
      await manager.delete(AwardLevel, { callId });
      await manager.insert(
        AwardLevel,
        levels.map((l, index) => ({ callId, code: l.code, position: index + 1, nameHu: l.nameHu, nameEn: l.nameEn })),
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'results.award_levels_set',
        targetType: 'call',
        targetId: callId,
        changes: { from: before, to: levels },
      });
      return this.awardLevels(callId, manager);
    });
  }

  /**
   * Records the awards of one theme on the ranking of the call's last round (which must be
   * closed). They follow the ranking when the awarded applications are, in order, the best
   * eligible ones of the theme; otherwise a justification is required.
   */
  async decideTheme(
    actor: SessionUser,
    callId: string,
    themeId: string,
    input: ThemeAwardsInput,
  ): Promise<ThemeDecisionView> {
    return this.tx.run(async ({ manager }) => {
      const call = await this.call(manager, callId, true);
      const status = callStatus(call, this.clock.now());
      if (status !== 'scoring' && !input.correction?.trim()) {
        throw new DomainError(
          ErrorCode.RESULTS_FROZEN,
          { status },
          { correction: { key: 'fields.correctionRequired' } },
        );
      }
      if (status === 'scoring' && input.correction !== undefined) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, { correction: { key: 'fields.nothingToCorrect' } });
      }
      const [theme] = await manager.query<Array<{ id: string }>>(
        `SELECT id FROM call_theme WHERE id = $1 AND call_id = $2`,
        [themeId, callId],
      );
      if (!theme) throw new NotFoundError('theme');
      const round = await this.lastRound(manager, callId);
      const levels = await this.awardLevels(callId, manager);
      const ranking = (
        await this.rounds.rankWith(manager, round, { [themeId]: input.committeeOrder ?? [] })
      ).rows.filter((row) => row.themeId === themeId);
      const fields = checkAwards(input, ranking, levels);
      if (Object.keys(fields).length) throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, fields);

      const follows = followsRanking(input.awards, ranking, levels);
      const justification = input.justification?.trim() || null;
      if (!follows && !justification) {
        throw new DomainError(
          ErrorCode.JUSTIFICATION_REQUIRED,
          {},
          { justification: { key: 'fields.justificationRequired' } },
        );
      }
      const before = await this.themeDecision(manager, themeId);
      const now = this.clock.now();
      await manager.delete(AwardDecision, { themeId });
      const byId = new Map(ranking.map((row) => [row.applicationId, row]));
      if (input.awards.length) {
        await manager.insert(
          AwardDecision,
          input.awards.map((award, index) => ({
            callId,
            themeId,
            roundId: round.id,
            applicationId: award.applicationId,
            levelCode: award.level,
            position: index + 1,
            rankAtDecision: byId.get(award.applicationId)?.rank ?? null,
            scoreAtDecision: byId.get(award.applicationId)?.score?.toFixed(4) ?? null,
            decidedBy: actor.id,
            decidedAt: now,
          })),
        );
      }
      await manager.upsert(
        ThemeDecision,
        {
          themeId,
          callId,
          roundId: round.id,
          justification,
          committeeOrder: input.committeeOrder ?? [],
          followsRanking: follows,
          version: (before?.version ?? 0) + 1,
          decidedBy: actor.id,
          decidedAt: now,
        },
        ['themeId'],
      );
      await this.audit.record(manager, {
        actorId: actor.id,
        action: input.correction ? 'results.theme_corrected' : 'results.theme_decided',
        targetType: 'call',
        targetId: callId,
        changes: {
          themeId,
          roundId: round.id,
          awards: input.awards,
          followsRanking: follows,
          justification,
          committeeOrder: input.committeeOrder ?? [],
          correction: input.correction ?? null,
          previous: before ? before.awards.map((a) => ({ applicationId: a.applicationId, level: a.level })) : null,
        },
      });
      const view = await this.themeDecision(manager, themeId);
      if (!view) throw new NotFoundError('decision');
      return view;
    });
  }

  async decisions(callId: string): Promise<ThemeDecisionView[]> {
    const manager = this.dataSource.manager;
    await this.call(manager, callId);
    const themes = await manager.find(ThemeDecision, { where: { callId }, order: { decidedAt: 'ASC' } });
    const views: ThemeDecisionView[] = [];
    for (const theme of themes) {
      const view = await this.themeDecision(manager, theme.themeId);
      if (view) views.push(view);
    }
    return views;
  }

  /** Decides the call: every theme with applications in the last round must have its decision. Freezes them. */
  async decide(actor: SessionUser, callId: string): Promise<{ callId: string; decidedAt: Date }> {
    return this.tx.run(async ({ manager }) => {
      const call = await this.call(manager, callId, true);
      const now = this.clock.now();
      const status = callStatus(call, now);
      if (status !== 'scoring') throw new DomainError(ErrorCode.CALL_WRONG_STATUS, { status });
      const round = await this.lastRound(manager, callId);
      const undecided = await manager.query<Array<{ id: string; title_hu: string }>>(
        `SELECT DISTINCT t.id, t.title_hu FROM round_application ra
           JOIN application a ON a.id = ra.application_id JOIN call_theme t ON t.id = a.theme_id
          WHERE ra.round_id = $1 AND NOT EXISTS (SELECT 1 FROM theme_decision d WHERE d.theme_id = t.id)
          ORDER BY t.title_hu`,
        [round.id],
      );
      if (undecided.length) {
        throw new DomainError(ErrorCode.THEMES_UNDECIDED, { themes: undecided.map((t) => t.title_hu).join(', ') });
      }
      await manager.update(Call, { id: callId }, { decidedAt: now, version: call.version + 1, updatedAt: now });
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'call.decided',
        targetType: 'call',
        targetId: callId,
        changes: { status: { from: 'scoring', to: 'decided' }, decidedAt: now.toISOString(), roundId: round.id },
      });
      return { callId, decidedAt: now };
    });
  }

  /** The last round of the call, which must be closed. */
  async lastRound(manager: EntityManager, callId: string): Promise<ScoringRound> {
    const round = await manager.findOne(ScoringRound, { where: { callId }, order: { number: 'DESC' } });
    if (!round) throw new DomainError(ErrorCode.ROUND_WRONG_STATE, { state: 'none' });
    const state = roundState(round, this.clock.now());
    if (state !== 'closed') throw new DomainError(ErrorCode.ROUND_WRONG_STATE, { state });
    return round;
  }

  private async themeDecision(manager: EntityManager, themeId: string): Promise<ThemeDecisionView | null> {
    const decision = await manager.findOneBy(ThemeDecision, { themeId });
    if (!decision) return null;
    const awards = await manager.find(AwardDecision, { where: { themeId }, order: { position: 'ASC' } });
    return {
      themeId,
      roundId: decision.roundId,
      followsRanking: decision.followsRanking,
      justification: decision.justification,
      committeeOrder: decision.committeeOrder,
      version: decision.version,
      decidedAt: decision.decidedAt,
      awards: awards.map((a) => ({
        applicationId: a.applicationId,
        level: a.levelCode,
        position: a.position,
        rankAtDecision: a.rankAtDecision,
        scoreAtDecision: a.scoreAtDecision === null ? null : Number(a.scoreAtDecision),
      })),
    };
  }

  private async call(manager: EntityManager, callId: string, lock = false): Promise<Call> {
    const call = await manager.findOne(Call, {
      where: { id: callId },
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!call) throw new NotFoundError('call');
    return call;
  }
}

/** Awards must name applications of the theme in the last round, once each, with a known level. */
function checkAwards(input: ThemeAwardsInput, ranking: RankedRow[], levels: AwardLevelView[]): FieldProblems {
  const fields: FieldProblems = {};
  const inTheme = new Set(ranking.map((row) => row.applicationId));
  const codes = new Set(levels.map((l) => l.code));
  const seen = new Set<string>();
  input.awards.forEach((award, index) => {
    if (!inTheme.has(award.applicationId)) fields[`awards.${index}.applicationId`] = { key: 'fields.notInRound' };
    if (seen.has(award.applicationId)) fields[`awards.${index}.applicationId`] = { key: 'fields.awardRepeated' };
    seen.add(award.applicationId);
    if (!codes.has(award.level)) fields[`awards.${index}.level`] = { key: 'fields.unknownAwardLevel' };
  });
  for (const [index, id] of (input.committeeOrder ?? []).entries()) {
    if (!inTheme.has(id)) fields[`committeeOrder.${index}`] = { key: 'fields.notInRound' };
  }
  return fields;
}

/**
 * Whether the awards follow the ranking: the awarded applications are, in the given
 * order, the best-ranked ones eligible for an award, and their levels never rise down
 * the list. An unresolved tie at the cut counts as following when either side is chosen.
 */
export function followsRanking(
  awards: ThemeAwardsInput['awards'],
  ranking: RankedRow[],
  levels: AwardLevelView[],
): boolean {
  const eligible = ranking.filter((row) => row.rank !== null && row.eligibleForAward);
  if (awards.length > eligible.length) return false;
  const rankOf = new Map(eligible.map((row) => [row.applicationId, row.rank ?? Number.MAX_SAFE_INTEGER]));
  const position = new Map(levels.map((l) => [l.code, l.position]));
  for (const [index, award] of awards.entries()) {
    const rank = rankOf.get(award.applicationId);
    if (rank === undefined) return false;
    // the index-th award must hold the index-th place (ties share a place)
    if (rank !== eligible[index].rank) return false;
    if (index > 0 && (position.get(award.level) ?? 0) < (position.get(awards[index - 1].level) ?? 0)) return false;
  }
  return true;
}
