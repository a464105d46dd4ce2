import { Injectable } from '@nestjs/common';
import { EntityManager, EntityTarget } from 'typeorm';
import { AuditService } from '@portal/audit';
import { Clock, DomainError, ErrorCode, FieldProblems, NotFoundError } from '@portal/core';
import { isUniqueViolation, Transactions } from '@portal/database';
import type { SessionUser } from '@portal/identity';
import { OrganisationsService } from '@portal/organisations';
import { CallCriterion } from './call-criterion.entity';
import { CallQuestion, QuestionChoice, QuestionKind } from './call-question.entity';
import { CallTheme } from './call-theme.entity';
import { Call } from './call.entity';

export interface ThemeInput {
  position?: number;
  titleHu: string;
  titleEn: string;
  descriptionHu?: string;
  descriptionEn?: string;
  sponsorOrganisationId?: string | null;
}

export interface CriterionInput {
  position?: number;
  nameHu: string;
  nameEn: string;
  guidanceHu?: string;
  guidanceEn?: string;
  weight: number;
  maxPoints: number;
  tieBreakOrder?: number | null;
}

export interface QuestionInput {
  position?: number;
  labelHu: string;
  labelEn: string;
  helpHu?: string | null;
  helpEn?: string | null;
  kind: QuestionKind;
  required?: boolean;
  choices?: QuestionChoice[] | null;
}

type Item = CallTheme | CallCriterion | CallQuestion;

interface Kind<T extends Item> {
  entity: EntityTarget<T>;
  /** The audit target type and the NotFound subject. */
  name: 'call_theme' | 'call_criterion' | 'call_question';
}

const THEME: Kind<CallTheme> = { entity: CallTheme, name: 'call_theme' };
const CRITERION: Kind<CallCriterion> = { entity: CallCriterion, name: 'call_criterion' };
const QUESTION: Kind<CallQuestion> = { entity: CallQuestion, name: 'call_question' };

function auditValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

/** numeric(6,2) as PostgreSQL keeps it: "1.50". */
function weightText(weight: number): string {
  return weight.toFixed(2);
}

/**
 * The themes, criteria and extra questions of a call. Rules:
 * - once the call is announced, none of them can be removed (they are never deleted; a
 *   removal before that sets removed_at);
 * - once scoring has started, criteria are frozen: no addition, change or removal.
 * Each change locks the call row, runs in one transaction and is audited there.
 */
@Injectable()
export class CallContentService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
  ) {}

  async addTheme(actor: SessionUser, callId: string, input: ThemeInput): Promise<CallTheme> {
    await this.assertSponsor(input.sponsorOrganisationId);
    return this.tx.run(async ({ manager }) => {
      const call = await this.lockCall(manager, callId);
      const theme = manager.create(CallTheme, {
        callId: call.id,
        position: input.position ?? (await this.nextPosition(manager, THEME, call.id)),
        titleHu: input.titleHu,
        titleEn: input.titleEn,
        descriptionHu: input.descriptionHu ?? '',
        descriptionEn: input.descriptionEn ?? '',
        sponsorOrganisationId: input.sponsorOrganisationId ?? null,
        removedAt: null,
      });
      await manager.insert(CallTheme, theme);
      await this.added(manager, actor, call, THEME, theme);
      return theme;
    });
  }

  async updateTheme(
    actor: SessionUser,
    callId: string,
    themeId: string,
    changes: Partial<ThemeInput>,
  ): Promise<CallTheme> {
    await this.assertSponsor(changes.sponsorOrganisationId);
    return this.tx.run(async ({ manager }) => {
      const call = await this.lockCall(manager, callId);
      const theme = await this.findItem(manager, THEME, call.id, themeId);
      await this.change(manager, actor, call, THEME, theme, changes);
      return theme;
    });
  }

  removeTheme(actor: SessionUser, callId: string, themeId: string): Promise<void> {
    return this.remove(actor, callId, THEME, themeId);
  }

  async addCriterion(actor: SessionUser, callId: string, input: CriterionInput): Promise<CallCriterion> {
    return this.withTieBreakCheck(() =>
      this.tx.run(async ({ manager }) => {
        const call = await this.lockCall(manager, callId);
        this.assertCriteriaOpen(call);
        const criterion = manager.create(CallCriterion, {
          callId: call.id,
          position: input.position ?? (await this.nextPosition(manager, CRITERION, call.id)),
          nameHu: input.nameHu,
          nameEn: input.nameEn,
          guidanceHu: input.guidanceHu ?? '',
          guidanceEn: input.guidanceEn ?? '',
          weight: weightText(input.weight),
          maxPoints: input.maxPoints,
          tieBreakOrder: input.tieBreakOrder ?? null,
          removedAt: null,
        });
        await manager.insert(CallCriterion, criterion);
        await this.added(manager, actor, call, CRITERION, criterion);
        return criterion;
      }),
    );
  }

  async updateCriterion(
    actor: SessionUser,
    callId: string,
    criterionId: string,
    changes: Partial<CriterionInput>,
  ): Promise<CallCriterion> {
    return this.withTieBreakCheck(() =>
      this.tx.run(async ({ manager }) => {
        const call = await this.lockCall(manager, callId);
        this.assertCriteriaOpen(call);
        const criterion = await this.findItem(manager, CRITERION, call.id, criterionId);
        const { weight, ...rest } = changes;
        await this.change(manager, actor, call, CRITERION, criterion, {
          ...rest,
          ...(weight !== undefined ? { weight: weightText(weight) } : {}),
        });
        return criterion;
      }),
    );
  }

  removeCriterion(actor: SessionUser, callId: string, criterionId: string): Promise<void> {
    return this.remove(actor, callId, CRITERION, criterionId);
  }

  async addQuestion(actor: SessionUser, callId: string, input: QuestionInput): Promise<CallQuestion> {
    const choices = assertChoices(input.kind, input.choices ?? null);
    return this.tx.run(async ({ manager }) => {
      const call = await this.lockCall(manager, callId);
      const question = manager.create(CallQuestion, {
        callId: call.id,
        position: input.position ?? (await this.nextPosition(manager, QUESTION, call.id)),
        labelHu: input.labelHu,
        labelEn: input.labelEn,
        helpHu: input.helpHu ?? null,
        helpEn: input.helpEn ?? null,
        kind: input.kind,
        required: input.required ?? false,
        choices,
        removedAt: null,
      });
      await manager.insert(CallQuestion, question);
      await this.added(manager, actor, call, QUESTION, question);
      return question;
    });
  }

  async updateQuestion(
    actor: SessionUser,
    callId: string,
    questionId: string,
    changes: Partial<QuestionInput>,
  ): Promise<CallQuestion> {
    return this.tx.run(async ({ manager }) => {
      const call = await this.lockCall(manager, callId);
      const question = await this.findItem(manager, QUESTION, call.id, questionId);
      const kind = changes.kind ?? question.kind;
      // a question that stops being single-choice drops its choices unless new ones are sent
      const choices =
        changes.choices !== undefined ? changes.choices : kind === 'single_choice' ? question.choices : null;
      const checked = assertChoices(kind, choices);
      await this.change(manager, actor, call, QUESTION, question, { ...changes, choices: checked });
      return question;
    });
  }

  removeQuestion(actor: SessionUser, callId: string, questionId: string): Promise<void> {
    return this.remove(actor, callId, QUESTION, questionId);
  }

  private async remove<T extends Item>(actor: SessionUser, callId: string, kind: Kind<T>, id: string): Promise<void> {
    await this.tx.run(async ({ manager }) => {
      const call = await this.lockCall(manager, callId);
      if (kind.name === 'call_criterion') this.assertCriteriaOpen(call);
      if (call.announcedAt) throw new DomainError(ErrorCode.CALL_ITEM_NOT_REMOVABLE);
      const item = await this.findItem(manager, kind, call.id, id);
      const now = this.clock.now();
      item.removedAt = now;
      // a removed criterion gives up its tie-break position (unique per call)
      if (item instanceof CallCriterion) item.tieBreakOrder = null;
      await manager.save(kind.entity, item);
      await this.touch(manager, call);
      await this.audit.record(manager, {
        actorId: actor.id,
        action: `${kind.name}.removed`,
        targetType: kind.name,
        targetId: item.id,
        changes: { callId: call.id, removedAt: now.toISOString() },
      });
    });
  }

  private async added<T extends Item>(
    manager: EntityManager,
    actor: SessionUser,
    call: Call,
    kind: Kind<T>,
    item: T,
  ): Promise<void> {
    await this.touch(manager, call);
    const { id: _id, callId: _callId, call: _call, removedAt: _removed, ...fields } = item;
    await this.audit.record(manager, {
      actorId: actor.id,
      action: `${kind.name}.added`,
      targetType: kind.name,
      targetId: item.id,
      changes: { callId: call.id, ...fields },
    });
  }

  /** Applies the fields that change, audits them as { field: { from, to } }. */
  private async change<T extends Item>(
    manager: EntityManager,
    actor: SessionUser,
    call: Call,
    kind: Kind<T>,
    item: T,
    changes: Record<string, unknown>,
  ): Promise<void> {
    const diff: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      const current = (item as unknown as Record<string, unknown>)[field];
      if (JSON.stringify(auditValue(current)) === JSON.stringify(auditValue(value))) continue;
      diff[field] = { from: auditValue(current), to: auditValue(value) };
      Object.assign(item, { [field]: value });
    }
    if (!Object.keys(diff).length) return;
    await manager.save(kind.entity, item);
    await this.touch(manager, call);
    await this.audit.record(manager, {
      actorId: actor.id,
      action: `${kind.name}.updated`,
      targetType: kind.name,
      targetId: item.id,
      changes: { callId: call.id, ...diff },
    });
  }

  private async lockCall(manager: EntityManager, id: string): Promise<Call> {
    const call = await manager.findOne(Call, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!call) throw new NotFoundError('call');
    return call;
  }

  private async findItem<T extends Item>(
    manager: EntityManager,
    kind: Kind<T>,
    callId: string,
    id: string,
  ): Promise<T> {
    const item = await manager
      .getRepository(kind.entity)
      .createQueryBuilder('i')
      .where('i.id = :id AND i.call_id = :callId AND i.removed_at IS NULL', { id, callId })
      .getOne();
    if (!item) throw new NotFoundError(kind.name);
    return item;
  }

  private async nextPosition<T extends Item>(manager: EntityManager, kind: Kind<T>, callId: string): Promise<number> {
    const row = await manager
      .getRepository(kind.entity)
      .createQueryBuilder('i')
      .select('coalesce(max(i.position), 0) + 1', 'next')
      .where('i.call_id = :callId AND i.removed_at IS NULL', { callId })
      .getRawOne<{ next: number }>();
    return Number(row?.next ?? 1);
  }

  /** The call's content changed: its updated_at moves (its version guards the call's own fields only). */
  private async touch(manager: EntityManager, call: Call): Promise<void> {
    await manager.update(Call, { id: call.id }, { updatedAt: this.clock.now() });
  }

  private assertCriteriaOpen(call: Call): void {
    if (call.scoringStartedAt) throw new DomainError(ErrorCode.CRITERIA_FROZEN);
  }

  private async assertSponsor(id: string | null | undefined): Promise<void> {
    if (id && !(await this.organisations.exists(id))) {
      throw new DomainError(
        ErrorCode.ORGANISATION_NOT_FOUND,
        {},
        { sponsorOrganisationId: { key: 'fields.unknownOrganisation' } },
      );
    }
  }

  private async withTieBreakCheck<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, 'uq_call_criterion_tie_break')) {
        throw new DomainError(ErrorCode.TIE_BREAK_TAKEN, {}, { tieBreakOrder: { key: 'fields.tieBreakTaken' } });
      }
      throw error;
    }
  }
}

/** Choices are required for (and only for) a single-choice question, with distinct values. */
function assertChoices(kind: QuestionKind, choices: QuestionChoice[] | null): QuestionChoice[] | null {
  const fields: FieldProblems = {};
  if (kind === 'single_choice' && !choices?.length) fields.choices = { key: 'fields.choicesRequired' };
  if (kind !== 'single_choice' && choices?.length) fields.choices = { key: 'fields.choicesNotAllowed' };
  if (choices?.length && new Set(choices.map((c) => c.value)).size !== choices.length) {
    fields.choices = { key: 'fields.choicesDuplicate' };
  }
  if (Object.keys(fields).length) throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, fields);
  return kind === 'single_choice' ? (choices ?? []).map(({ value, hu, en }) => ({ value, hu, en })) : null;
}
