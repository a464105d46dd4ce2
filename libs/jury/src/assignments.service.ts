import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationAttachment, type ApplicationContent, type SubmittedAttachment } from '@portal/applications';
import { AuditService } from '@portal/audit';
import { Call, isCallManager, type QuestionChoice, type QuestionKind } from '@portal/calls';
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
import { FileStorage } from '@portal/storage';
import { Assignment, AssignmentStatus } from './assignment.entity';
import { planAssignments, Shortfall } from './assignment/plan-assignments';
import type { ConflictSource, Preference } from './conflict.entity';
import { JuryMember, JurySettings } from './jury-member.entity';
import { JuryService, scoreStepOf, stripTotal } from './jury.service';
import { RoundsService, roundState, RoundState } from './rounds.service';
import { RoundCriterion, ScoringRound } from './scoring-round.entity';

export interface AutoAssignResult {
  roundId: string;
  jurorsPerApplication: number;
  /** Assignments made by this run. */
  created: number;
  /** Assignments kept as they were: scored, made by hand, or unscored ones the new plan keeps. */
  kept: number;
  /** Unscored automatic assignments of an earlier run that the new plan dropped. */
  replanned: number;
  shortfalls: Array<Shortfall & { title: string; reason: 'no_jurors' | 'too_few_jurors' }>;
  loads: Array<{ juryMemberId: string; name: string; load: number }>;
  loadSpread: number;
  preferenceCounts: Record<Preference, number>;
}

export interface AssignmentRow {
  id: string;
  roundId: string;
  roundNumber: number;
  callId: string;
  applicationId: string;
  applicationTitle: string;
  municipalityName: string;
  themeId: string;
  juryMemberId: string;
  jurorName: string;
  source: 'auto' | 'manual';
  status: AssignmentStatus;
  updatedAt: Date;
  submittedAt: Date | null;
  excludedAt: Date | null;
  excludedReason: string | null;
}

export interface ScoreView {
  criterionId: string;
  points: number | null;
  abstainReason: string | null;
  note: string | null;
}

export interface ScorecardView {
  assignmentId: string;
  status: AssignmentStatus;
  version: number;
  scores: ScoreView[];
  privateNote: string | null;
  feedback: string | null;
  submittedAt: Date | null;
  updatedAt: Date;
  /** Criteria still without points or an abstention. */
  missing: string[];
}

/** One answer of the submitted form to an extra question of the call, with the question's labels. */
export interface AnsweredQuestion {
  questionId: string;
  /** The question's place in the call's form; null when the question is no longer on record. */
  position: number | null;
  labelHu: string | null;
  labelEn: string | null;
  kind: QuestionKind | null;
  /** As submitted: text, a number, a date (YYYY-MM-DD) or a choice's value. */
  value: string | number;
  /** The chosen option's labels (single choice), null otherwise. */
  choiceHu: string | null;
  choiceEn: string | null;
}

/** A steering-committee organisation the application names as partner, by name. */
export interface PartnerOrganisationView {
  code: string;
  /** Null when the code is no longer in the register (the code is shown then). */
  nameHu: string | null;
  nameEn: string | null;
}

/** A juror's own progress in one round. */
export interface MyRoundProgress {
  roundId: string;
  assigned: number;
  started: number;
  submitted: number;
  closesAt: Date;
  state: RoundState;
}

/** What a juror sees of an assigned application: the submitted version, frozen. */
export interface AssignmentDetail {
  assignment: Assignment;
  round: ScoringRound;
  roundState: RoundState;
  scoreStep: number;
  criteria: RoundCriterion[];
  scorecard: ScorecardView;
  application: {
    id: string;
    title: string;
    themeId: string;
    themeTitleHu: string;
    themeTitleEn: string;
    municipalityKsh: string;
    municipalityName: string;
    submissionNumber: number;
    receivedAt: Date;
    content: ApplicationContent;
    attachments: SubmittedAttachment[];
    /** The answers to the call's extra questions, in the form's order, with the questions' labels. */
    answers: AnsweredQuestion[];
    /** The partner organisations the form names (content.partnerOrganisations), in its order. */
    partnerOrganisations: PartnerOrganisationView[];
  };
}

export interface ScoreInput {
  criterionId: string;
  /** Points; null clears them. */
  points?: number | null;
  /** Abstaining instead of scoring, with the reason; null clears it. */
  abstainReason?: string | null;
  note?: string | null;
}

export interface ScorecardInput {
  version?: number;
  scores?: ScoreInput[];
  privateNote?: string | null;
  feedback?: string | null;
  /** Submit the scorecard (every criterion scored or abstained). */
  submit?: boolean;
}

export interface PanelScorecard {
  assignmentId: string;
  juryMemberId: string;
  jurorName: string;
  organisationCode: string;
  status: AssignmentStatus;
  scores: ScoreView[];
  privateNote: string | null;
  feedback: string | null;
  submittedAt: Date | null;
  /** Kept but not counted: a conflict came to light after scoring. */
  excluded: boolean;
}

/**
 * Assignments of jurors to applications in a round (automatic and by hand) and the
 * jurors' scorecards. A juror reaches only their own assignments, never one where they
 * are in conflict, and nothing before accepting the declaration.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly jury: JuryService,
    private readonly rounds: RoundsService,
    private readonly storage: FileStorage,
  ) {}

  /**
   * Plans the round's assignments with a min-cost flow: every application k
   * conflict-free jurors within their themes, loads balanced (within one where the
   * constraints allow), preferences honoured as far as possible. Scored and hand-made
   * assignments stay; unscored automatic ones are planned again, so a rerun after new
   * applications moves nothing that was scored, and the same input gives the same result.
   */
  async autoAssign(actor: SessionUser, roundId: string): Promise<AutoAssignResult> {
    return this.tx.run(async ({ manager }) => {
      const round = await this.rounds.lock(manager, roundId);
      const now = this.clock.now();
      if (roundState(round, now) === 'closed') throw new DomainError(ErrorCode.ROUND_WRONG_STATE, { state: 'closed' });
      await this.jury.call(manager, round.callId, true);
      const { jurorsPerApplication: k } = await this.jury.settings(round.callId, manager);

      const applications = await manager.query<Array<{ id: string; themeId: string; title: string }>>(
        `SELECT a.id, a.theme_id AS "themeId", a.title FROM round_application ra
           JOIN application a ON a.id = ra.application_id WHERE ra.round_id = $1 ORDER BY a.id`,
        [round.id],
      );
      const jurors = await this.roundJury(manager, round);
      // kept as they are: scored or hand-made, usable (not excluded, no conflict); the unscored automatic ones are planned again
      const current = await manager.query<
        Array<{ id: string; applicationId: string; jurorId: string; replannable: boolean; usable: boolean }>
      >(
        `SELECT x.id, x.application_id AS "applicationId", x.jury_member_id AS "jurorId",
                (x.source = 'auto' AND x.status = 'assigned') AS replannable,
                (x.excluded_at IS NULL AND NOT EXISTS (SELECT 1 FROM jury_conflict c
                   WHERE c.jury_member_id = x.jury_member_id AND c.application_id = x.application_id)) AS usable
           FROM assignment x WHERE x.round_id = $1`,
        [round.id],
      );
      const existing = current.filter((a) => a.usable && !a.replannable);
      const conflicts = await manager.query<Array<{ applicationId: string; jurorId: string }>>(
        `SELECT DISTINCT c.application_id AS "applicationId", c.jury_member_id AS "jurorId"
           FROM jury_conflict c JOIN jury_member j ON j.id = c.jury_member_id WHERE j.call_id = $1
         UNION
         SELECT application_id, jury_member_id FROM assignment WHERE round_id = $2 AND excluded_at IS NOT NULL`,
        [round.callId, round.id],
      );
      const preferences = await manager.query<
        Array<{ applicationId: string; jurorId: string; preference: Preference }>
      >(
        `SELECT p.application_id AS "applicationId", p.jury_member_id AS "jurorId", p.preference
           FROM juror_preference p JOIN jury_member j ON j.id = p.jury_member_id WHERE j.call_id = $1`,
        [round.callId],
      );
      const plan = planAssignments({
        k,
        applications,
        jurors: jurors.map((j) => ({ id: j.id, themeIds: j.themeIds })),
        existing,
        conflicts,
        preferences,
      });
      // an unscored automatic assignment the new plan keeps stays with its id (a juror may have it open)
      const key = (a: { applicationId: string; jurorId: string }) => `${a.applicationId}:${a.jurorId}`;
      const planned = new Set(plan.assignments.map(key));
      const replannable = current.filter((a) => a.replannable);
      const dropped = replannable.filter((a) => !a.usable || !planned.has(key(a))).map((a) => a.id);
      const staying = new Set(replannable.filter((a) => a.usable && planned.has(key(a))).map(key));
      if (dropped.length) await manager.query(`DELETE FROM assignment WHERE id = ANY($1::uuid[])`, [dropped]);
      const fresh = plan.assignments.filter((a) => !staying.has(key(a)));
      if (fresh.length) {
        await manager.insert(
          Assignment,
          fresh.map((a) => ({
            roundId: round.id,
            applicationId: a.applicationId,
            juryMemberId: a.jurorId,
            source: 'auto' as const,
            createdBy: actor.id,
            createdAt: now,
            updatedAt: now,
          })),
        );
      }
      const titles = new Map(applications.map((a) => [a.id, a.title]));
      const names = new Map(jurors.map((j) => [j.id, j.name]));
      const result: AutoAssignResult = {
        roundId: round.id,
        jurorsPerApplication: k,
        created: fresh.length,
        kept: existing.length + staying.size,
        replanned: dropped.length,
        shortfalls: plan.shortfalls.map((s) => ({
          ...s,
          title: titles.get(s.applicationId) ?? '',
          reason: s.candidates === 0 ? 'no_jurors' : 'too_few_jurors',
        })),
        loads: plan.loads.map((l) => ({ juryMemberId: l.jurorId, name: names.get(l.jurorId) ?? '', load: l.load })),
        loadSpread: plan.loadSpread,
        preferenceCounts: plan.preferenceCounts,
      };
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'round.auto_assigned',
        targetType: 'scoring_round',
        targetId: round.id,
        changes: {
          k,
          created: result.created,
          kept: result.kept,
          replanned: result.replanned,
          loadSpread: result.loadSpread,
          shortfalls: result.shortfalls.map((s) => ({ applicationId: s.applicationId, assigned: s.assigned })),
        },
      });
      return result;
    });
  }

  /** Assigns a juror by hand: never one in conflict, outside their themes or outside the round's jury. */
  async assign(
    actor: SessionUser,
    roundId: string,
    input: { applicationId: string; juryMemberId: string },
  ): Promise<AssignmentRow> {
    return this.tx.run(async ({ manager }) => {
      const round = await this.rounds.lock(manager, roundId);
      if (roundState(round, this.clock.now()) === 'closed') {
        throw new DomainError(ErrorCode.ROUND_WRONG_STATE, { state: 'closed' });
      }
      const [application] = await manager.query<Array<{ id: string; theme_id: string }>>(
        `SELECT a.id, a.theme_id FROM round_application ra JOIN application a ON a.id = ra.application_id
          WHERE ra.round_id = $1 AND a.id = $2`,
        [round.id, input.applicationId],
      );
      if (!application)
        throw new DomainError(ErrorCode.NOT_IN_ROUND, {}, { applicationId: { key: 'fields.notInRound' } });
      const member = (await this.roundJury(manager, round)).find((j) => j.id === input.juryMemberId);
      if (!member) {
        throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, { juryMemberId: { key: 'fields.notJuryMembers' } });
      }
      if (member.themeIds.length && !member.themeIds.includes(application.theme_id)) {
        throw new DomainError(ErrorCode.OUTSIDE_JUROR_THEMES, {}, { juryMemberId: { key: 'fields.outsideThemes' } });
      }
      // the call's row, as recording a conflict takes it: a conflict and an assignment never cross
      await this.jury.call(manager, round.callId, true);
      const conflict = await this.conflictOf(manager, member.id, application.id);
      if (conflict) throw new DomainError(ErrorCode.JUROR_CONFLICTED, { source: conflict });
      const now = this.clock.now();
      let id: string;
      try {
        await manager.query('SAVEPOINT assign');
        const inserted = await manager.insert(Assignment, {
          roundId: round.id,
          applicationId: application.id,
          juryMemberId: member.id,
          source: 'manual',
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        });
        id = (inserted.identifiers[0] as { id: string }).id;
      } catch (error) {
        if (!isUniqueViolation(error, 'uq_assignment_round_application_member')) throw error;
        throw new DomainError(ErrorCode.CONFLICT);
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'assignment.created',
        targetType: 'assignment',
        targetId: id,
        changes: { roundId: round.id, applicationId: application.id, juryMemberId: member.id, source: 'manual' },
      });
      return this.row(manager, id);
    });
  }

  /** Takes an assignment back while nothing has been scored on it. */
  async unassign(actor: SessionUser, assignmentId: string): Promise<void> {
    await this.tx.run(async ({ manager }) => {
      const assignment = await manager.findOne(Assignment, {
        where: { id: assignmentId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!assignment) throw new NotFoundError('assignment');
      const round = await this.rounds.find(manager, assignment.roundId);
      if (roundState(round, this.clock.now()) === 'closed') {
        throw new DomainError(ErrorCode.ROUND_WRONG_STATE, { state: 'closed' });
      }
      if (assignment.status !== 'assigned') throw new DomainError(ErrorCode.ASSIGNMENT_SCORED);
      await manager.delete(Assignment, { id: assignment.id });
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'assignment.removed',
        targetType: 'assignment',
        targetId: assignment.id,
        changes: {
          roundId: assignment.roundId,
          applicationId: assignment.applicationId,
          juryMemberId: assignment.juryMemberId,
        },
      });
    });
  }

  /** A round's assignments, for coordinators. */
  async list(
    roundId: string,
    filter: { applicationId?: string; juryMemberId?: string; status?: AssignmentStatus },
    page: PageQueryDto,
  ): Promise<Page<AssignmentRow>> {
    const manager = this.dataSource.manager;
    await this.rounds.find(manager, roundId);
    const rows = await manager.query<Array<AssignmentRow & { total: number }>>(
      `${ROW_SELECT}
        WHERE x.round_id = $1 AND ($2::uuid IS NULL OR x.application_id = $2)
          AND ($3::uuid IS NULL OR x.jury_member_id = $3) AND ($4::text IS NULL OR x.status = $4)
        ORDER BY ap.title, ap.id, u.name, x.id
        LIMIT $5 OFFSET $6`,
      [
        roundId,
        filter.applicationId ?? null,
        filter.juryMemberId ?? null,
        filter.status ?? null,
        page.pageSize,
        offsetOf(page),
      ],
    );
    return pageOf(rows.map(stripTotal), rows[0]?.total ?? 0, page);
  }

  /** The viewer's own assignments (as a juror): never excluded or conflicted ones, only after the declaration. */
  async mine(
    viewer: SessionUser,
    filter: { callId?: string; roundId?: string; status?: AssignmentStatus },
    page: PageQueryDto,
  ): Promise<Page<AssignmentRow>> {
    const rows = await this.dataSource.query<Array<AssignmentRow & { total: number }>>(
      `${ROW_SELECT}
        WHERE j.user_id = $1 AND ${JUROR_REACHES}
          AND ($2::uuid IS NULL OR r.call_id = $2) AND ($3::uuid IS NULL OR x.round_id = $3)
          AND ($4::text IS NULL OR x.status = $4)
        ORDER BY r.closes_at DESC, r.number DESC, ap.title, x.id
        LIMIT $5 OFFSET $6`,
      [viewer.id, filter.callId ?? null, filter.roundId ?? null, filter.status ?? null, page.pageSize, offsetOf(page)],
    );
    return pageOf(rows.map(stripTotal), rows[0]?.total ?? 0, page);
  }

  /** The viewer's own progress in a round. */
  async myProgress(
    viewer: SessionUser,
    roundId: string,
  ): Promise<{
    roundId: string;
    assigned: number;
    started: number;
    submitted: number;
    closesAt: Date;
    state: RoundState;
  }> {
    const manager = this.dataSource.manager;
    const round = await this.rounds.find(manager, roundId);
    await this.jury.membership(manager, viewer, round.callId, { declared: true });
    const [counts] = await manager.query<Array<{ assigned: number; started: number; submitted: number }>>(
      `SELECT count(*)::int AS assigned,
              count(*) FILTER (WHERE x.status = 'draft')::int AS started,
              count(*) FILTER (WHERE x.status = 'submitted')::int AS submitted
         FROM assignment x JOIN jury_member j ON j.id = x.jury_member_id JOIN scoring_round r ON r.id = x.round_id
        WHERE x.round_id = $1 AND j.user_id = $2 AND ${JUROR_REACHES}`,
      [round.id, viewer.id],
    );
    return {
      roundId: round.id,
      ...counts,
      closesAt: round.closedAt ?? round.closesAt,
      state: roundState(round, this.clock.now()),
    };
  }

  /**
   * The viewer's own progress in every round they score (on its jury, declaration accepted),
   * in one statement: the jury's list of assignments needs no request per round.
   */
  async myRounds(viewer: SessionUser): Promise<MyRoundProgress[]> {
    const rows = await this.dataSource.query<
      Array<{
        roundId: string;
        assigned: number;
        started: number;
        submitted: number;
        opensAt: Date;
        closesAt: Date;
        closedAt: Date | null;
      }>
    >(
      `SELECT r.id AS "roundId", r.opens_at AS "opensAt", r.closes_at AS "closesAt", r.closed_at AS "closedAt",
              count(x.id)::int AS assigned,
              count(x.id) FILTER (WHERE x.status = 'draft')::int AS started,
              count(x.id) FILTER (WHERE x.status = 'submitted')::int AS submitted
         FROM jury_member j
         JOIN call c ON c.id = j.call_id AND c.announced_at IS NOT NULL
         JOIN scoring_round r ON r.call_id = j.call_id AND (r.jury_member_ids IS NULL OR j.id = ANY(r.jury_member_ids))
         LEFT JOIN assignment x ON x.round_id = r.id AND x.jury_member_id = j.id AND x.excluded_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM jury_conflict k
                               WHERE k.jury_member_id = j.id AND k.application_id = x.application_id)
        WHERE j.user_id = $1 AND j.removed_at IS NULL AND j.declaration_accepted_at IS NOT NULL
        GROUP BY r.id
        ORDER BY r.closes_at DESC, r.number DESC, r.id`,
      [viewer.id],
    );
    const now = this.clock.now();
    return rows.map((r) => ({
      roundId: r.roundId,
      assigned: r.assigned,
      started: r.started,
      submitted: r.submitted,
      closesAt: r.closedAt ?? r.closesAt,
      state: roundState(r, now),
    }));
  }

  /** One assignment with the application as submitted, the criteria and the viewer's scorecard. */
  async detail(viewer: SessionUser, assignmentId: string): Promise<AssignmentDetail> {
    const manager = this.dataSource.manager;
    const assignment = await this.reachable(manager, viewer, assignmentId);
    const round = await this.rounds.find(manager, assignment.roundId);
    const criteria = await this.criteria(manager, round.id);
    // in the same statement: the labels of the questions the form answers, the partners' names
    const [row] = await manager.query<
      Array<
        Omit<AssignmentDetail['application'], 'answers'> & {
          content: ApplicationContent;
          attachments: SubmittedAttachment[];
          questions: AnswerQuestionRow[];
        }
      >
    >(
      `SELECT a.id, a.title, a.theme_id AS "themeId", t.title_hu AS "themeTitleHu", t.title_en AS "themeTitleEn",
              a.municipality_ksh AS "municipalityKsh", m.name AS "municipalityName",
              s.number AS "submissionNumber", s.received_at AS "receivedAt", s.content, s.attachments,
              (SELECT coalesce(json_agg(json_build_object('id', q.id, 'position', q.position, 'labelHu', q.label_hu,
                                          'labelEn', q.label_en, 'kind', q.kind, 'choices', q.choices)
                                        ORDER BY q.position, q.id), '[]'::json)
                 FROM call_question q
                WHERE q.call_id = a.call_id AND jsonb_typeof(s.content -> 'answers') = 'object'
                  AND (s.content -> 'answers') ? q.id::text) AS questions,
              (SELECT coalesce(json_agg(json_build_object('code', p.code, 'nameHu', o.name_hu, 'nameEn', o.name_en)
                                        ORDER BY p.n), '[]'::json)
                 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(s.content -> 'partnerOrganisations') = 'array'
                                                     THEN s.content -> 'partnerOrganisations' ELSE '[]'::jsonb END)
                        WITH ORDINALITY AS p(code, n)
                 LEFT JOIN organisation o ON o.code = p.code) AS "partnerOrganisations"
         FROM application a
         JOIN call_theme t ON t.id = a.theme_id
         JOIN municipality m ON m.ksh_code = a.municipality_ksh
         JOIN LATERAL (SELECT * FROM application_submission s WHERE s.application_id = a.id
                        ORDER BY s.number DESC LIMIT 1) s ON true
        WHERE a.id = $1`,
      [assignment.applicationId],
    );
    if (!row) throw new NotFoundError('application');
    const { questions, ...rest } = row;
    const application = { ...rest, answers: answeredQuestions(row.content, questions) };
    const { scoreStep } = await this.jury.settings(round.callId, manager);
    return {
      assignment,
      round,
      roundState: roundState(round, this.clock.now()),
      scoreStep,
      criteria,
      scorecard: await this.scorecard(manager, assignment, criteria),
      application,
    };
  }

  /** A file of the submitted version, for a juror who reaches the assignment (or a coordinator). */
  async download(
    viewer: SessionUser,
    assignmentId: string,
    attachmentId: string,
  ): Promise<{ attachment: ApplicationAttachment; content: Readable }> {
    const manager = this.dataSource.manager;
    const assignment = await this.reachable(manager, viewer, assignmentId);
    const [submission] = await manager.query<Array<{ attachments: SubmittedAttachment[] }>>(
      `SELECT attachments FROM application_submission WHERE application_id = $1 ORDER BY number DESC LIMIT 1`,
      [assignment.applicationId],
    );
    if (!submission?.attachments.some((a) => a.id === attachmentId)) throw new NotFoundError('attachment');
    const attachment = await manager.findOneBy(ApplicationAttachment, {
      id: attachmentId,
      applicationId: assignment.applicationId,
    });
    if (!attachment) throw new NotFoundError('attachment');
    return { attachment, content: await this.storage.read(attachment.storageKey) };
  }

  /**
   * Saves the viewer's scorecard while the round is open: the scores given (others stay),
   * notes and feedback; with `submit`, submits it when every criterion is scored or
   * abstained. Passes the round's gate shared, so closing the round waits for it and a save
   * after the close is refused: no score is ever stored after the close.
   */
  async saveScorecard(viewer: SessionUser, assignmentId: string, input: ScorecardInput): Promise<ScorecardView> {
    return this.tx.run(async ({ manager }) => {
      const roundId = await this.rounds.gateOfAssignment(manager, assignmentId, 'shared');
      // the access check before anything of the round: a stranger learns nothing, not even that the round is closed
      const assignment = await this.reachable(manager, viewer, assignmentId, { ownOnly: true, lock: true });
      // read after passing the gate (a close that went first is seen here), with the call's row in
      // share mode (the scoring step and the decision cannot change under a save) and its settings
      const {
        entities: [round],
        raw: [call],
      } = await manager
        .createQueryBuilder(ScoringRound, 'r')
        .innerJoin(Call, 'c', 'c.id = r.callId')
        .leftJoin(JurySettings, 's', 's.callId = r.callId')
        .addSelect('c.decided_at', 'call_decided_at')
        .addSelect('s.score_step', 'score_step')
        .where('r.id = :roundId', { roundId })
        .setLock('pessimistic_read', undefined, ['c'])
        .getRawAndEntities<{ call_decided_at: Date | null; score_step: string | null }>();
      if (!round) throw new NotFoundError('round');
      const now = this.clock.now();
      this.rounds.assertOpen(round, now);
      if (call.call_decided_at) throw new DomainError(ErrorCode.ROUND_WRONG_STATE, { state: 'decided' });
      if (input.version !== undefined && input.version !== assignment.version) {
        throw new DomainError(ErrorCode.STALE_VERSION, {}, undefined, { currentVersion: assignment.version });
      }
      const criteria = await this.criteria(manager, round.id);
      const scoreStep = scoreStepOf({ scoreStep: call.score_step });
      const scores = input.scores ?? [];
      checkScores(scores, criteria, scoreStep);

      if (scores.length > 0) await upsertScores(manager, assignment.id, scores, now);
      if (input.privateNote !== undefined) assignment.privateNote = input.privateNote?.trim() || null;
      if (input.feedback !== undefined) assignment.feedback = input.feedback?.trim() || null;

      const saved = (await this.scoresOf(manager, [assignment.id])).get(assignment.id) ?? [];
      const view = scorecardView(assignment, saved, criteria);
      const submitting = input.submit === true || assignment.status === 'submitted';
      if (submitting && view.missing.length) {
        const fields: FieldProblems = {};
        for (const criterionId of view.missing) fields[`scores.${criterionId}`] = { key: 'fields.scoreMissing' };
        throw new DomainError(ErrorCode.SCORECARD_INCOMPLETE, { count: view.missing.length }, fields);
      }
      const before = assignment.status;
      assignment.status = submitting ? 'submitted' : 'draft';
      if (input.submit === true || !assignment.submittedAt) assignment.submittedAt = submitting ? now : null;
      assignment.version += 1;
      assignment.updatedAt = now;
      // the scorecard's change and its audit row in one statement
      await this.audit.recordWithChange(
        manager,
        {
          text: `UPDATE assignment SET status = $2, submitted_at = $3, version = $4, updated_at = $5,
                                     private_note = $6, feedback = $7
                  WHERE id = $1 RETURNING id`,
          params: [
            assignment.id,
            assignment.status,
            assignment.submittedAt,
            assignment.version,
            now,
            assignment.privateNote,
            assignment.feedback,
          ],
        },
        {
          actorId: viewer.id,
          action: input.submit && before !== 'submitted' ? 'scorecard.submitted' : 'scorecard.saved',
          targetType: 'assignment',
          targetId: assignment.id,
          changes: {
            roundId: round.id,
            applicationId: assignment.applicationId,
            status: { from: before, to: assignment.status },
            scores: scores.map((s) => ({
              criterionId: s.criterionId,
              points: s.points,
              abstained: s.abstainReason !== undefined ? !!s.abstainReason : undefined,
            })),
            privateNote: input.privateNote !== undefined,
            feedback: input.feedback !== undefined,
          },
        },
      );
      return scorecardView(assignment, saved, criteria);
    });
  }

  /**
   * Every scorecard of the assignment's application in its round: for coordinators at any
   * time, for a juror who reaches the assignment only after the round closed.
   */
  async panel(viewer: SessionUser, assignmentId: string): Promise<PanelScorecard[]> {
    const manager = this.dataSource.manager;
    const assignment = await this.reachable(manager, viewer, assignmentId);
    const round = await this.rounds.find(manager, assignment.roundId);
    if (!isCallManager(viewer) && roundState(round, this.clock.now()) !== 'closed') {
      throw new DomainError(ErrorCode.SCORES_SEALED);
    }
    const cards = await manager.query<Array<Omit<PanelScorecard, 'scores'>>>(
      `SELECT x.id AS "assignmentId", x.jury_member_id AS "juryMemberId", u.name AS "jurorName",
              o.code AS "organisationCode", x.status, x.private_note AS "privateNote", x.feedback,
              x.submitted_at AS "submittedAt", (x.excluded_at IS NOT NULL) AS excluded
         FROM assignment x
         JOIN jury_member j ON j.id = x.jury_member_id
         JOIN app_user u ON u.id = j.user_id
         JOIN organisation o ON o.id = j.organisation_id
        WHERE x.round_id = $1 AND x.application_id = $2
          AND ($3 OR (x.status = 'submitted' AND x.excluded_at IS NULL))
        ORDER BY u.name, x.id`,
      [round.id, assignment.applicationId, isCallManager(viewer)],
    );
    const scores = await this.scoresOf(
      manager,
      cards.map((c) => c.assignmentId),
    );
    return cards.map((card) => ({ ...card, scores: scores.get(card.assignmentId) ?? [] }));
  }

  /**
   * The assignment if the viewer may reach it: a coordinator always (unless `ownOnly`); a
   * juror only their own, while on the jury, after the declaration, not excluded and with
   * no conflict of interest. Anything else does not exist (404).
   */
  private async reachable(
    manager: EntityManager,
    viewer: SessionUser,
    assignmentId: string,
    options: { ownOnly?: boolean; lock?: boolean } = {},
  ): Promise<Assignment> {
    // the assignment and the juror's seat in one statement: theirs, still on the jury (and the round's), no conflict
    const query = manager
      .createQueryBuilder(Assignment, 'x')
      .leftJoin(JuryMember, 'j', 'j.id = x.juryMemberId')
      .leftJoin(ScoringRound, 'r', 'r.id = x.roundId')
      .addSelect('j.user_id', 'seat_user_id')
      .addSelect('j.removed_at IS NOT NULL', 'seat_removed')
      .addSelect('j.declaration_accepted_at IS NOT NULL', 'seat_declared')
      .addSelect(
        'EXISTS (SELECT 1 FROM jury_conflict c WHERE c.jury_member_id = x.jury_member_id AND c.application_id = x.application_id)',
        'seat_conflicted',
      )
      .addSelect('(r.jury_member_ids IS NULL OR x.jury_member_id = ANY(r.jury_member_ids))', 'seat_on_round')
      .where('x.id = :assignmentId', { assignmentId });
    if (options.lock) query.setLock('pessimistic_write', undefined, ['x']);
    const {
      entities: [assignment],
      raw: [row],
    } = await query.getRawAndEntities<{
      seat_user_id: string | null;
      seat_removed: boolean;
      seat_declared: boolean;
      seat_conflicted: boolean;
      seat_on_round: boolean;
    }>();
    if (!assignment) throw new NotFoundError('assignment');
    if (!options.ownOnly && isCallManager(viewer)) return assignment;
    const seat = row.seat_user_id
      ? {
          userId: row.seat_user_id,
          removed: row.seat_removed,
          declared: row.seat_declared,
          conflicted: row.seat_conflicted,
          onRound: row.seat_on_round,
        }
      : undefined;
    if (
      !seat ||
      seat.userId !== viewer.id ||
      seat.removed ||
      assignment.excludedAt ||
      seat.conflicted ||
      !seat.onRound
    ) {
      throw new NotFoundError('assignment');
    }
    if (!seat.declared) throw new DomainError(ErrorCode.DECLARATION_REQUIRED);
    return assignment;
  }

  private async conflictOf(
    manager: EntityManager,
    memberId: string,
    applicationId: string,
  ): Promise<ConflictSource | null> {
    const [row] = await manager.query<Array<{ source: ConflictSource }>>(
      `SELECT source FROM jury_conflict WHERE jury_member_id = $1 AND application_id = $2 ORDER BY source LIMIT 1`,
      [memberId, applicationId],
    );
    return row?.source ?? null;
  }

  /** The round's jurors: its own jury, or the call's whole active jury. */
  private async roundJury(
    manager: EntityManager,
    round: ScoringRound,
  ): Promise<Array<{ id: string; name: string; themeIds: string[] }>> {
    return manager.query(
      `SELECT j.id, u.name, j.theme_ids AS "themeIds" FROM jury_member j JOIN app_user u ON u.id = j.user_id
        WHERE j.call_id = $1 AND j.removed_at IS NULL AND ($2::uuid[] IS NULL OR j.id = ANY($2::uuid[]))
        ORDER BY j.id`,
      [round.callId, round.juryMemberIds],
    );
  }

  private criteria(manager: EntityManager, roundId: string): Promise<RoundCriterion[]> {
    return manager.find(RoundCriterion, { where: { roundId }, order: { position: 'ASC' } });
  }

  private async scoresOf(manager: EntityManager, assignmentIds: string[]): Promise<Map<string, ScoreView[]>> {
    const rows = await manager.query<Array<ScoreView & { assignmentId: string; points: string | null }>>(
      `SELECT s.assignment_id AS "assignmentId", s.criterion_id AS "criterionId", s.points,
              s.abstain_reason AS "abstainReason", s.note
         FROM score s JOIN round_criterion c ON c.id = s.criterion_id
        WHERE s.assignment_id = ANY($1::uuid[]) ORDER BY c.position`,
      [assignmentIds],
    );
    const byAssignment = new Map<string, ScoreView[]>();
    for (const row of rows) {
      const list = byAssignment.get(row.assignmentId) ?? [];
      list.push({
        criterionId: row.criterionId,
        points: row.points === null ? null : Number(row.points),
        abstainReason: row.abstainReason,
        note: row.note,
      });
      byAssignment.set(row.assignmentId, list);
    }
    return byAssignment;
  }

  private async scorecard(
    manager: EntityManager,
    assignment: Assignment,
    criteria: RoundCriterion[],
  ): Promise<ScorecardView> {
    return scorecardView(
      assignment,
      (await this.scoresOf(manager, [assignment.id])).get(assignment.id) ?? [],
      criteria,
    );
  }

  private async row(manager: EntityManager, id: string): Promise<AssignmentRow> {
    const [row] = await manager.query<Array<AssignmentRow & { total: number }>>(`${ROW_SELECT} WHERE x.id = $1`, [id]);
    return stripTotal(row);
  }
}

/** A juror reaches an assignment (alias x, jury member j, round r): on the (round's) jury, declared, not excluded, no conflict. */
const JUROR_REACHES = `j.removed_at IS NULL AND j.declaration_accepted_at IS NOT NULL AND x.excluded_at IS NULL
  AND (r.jury_member_ids IS NULL OR x.jury_member_id = ANY(r.jury_member_ids))
  AND NOT EXISTS (SELECT 1 FROM jury_conflict c WHERE c.jury_member_id = x.jury_member_id AND c.application_id = x.application_id)`;

const ROW_SELECT = `
  SELECT x.id, x.round_id AS "roundId", r.number AS "roundNumber", r.call_id AS "callId",
         x.application_id AS "applicationId", ap.title AS "applicationTitle", m.name AS "municipalityName",
         ap.theme_id AS "themeId", x.jury_member_id AS "juryMemberId", u.name AS "jurorName", x.source, x.status,
         x.updated_at AS "updatedAt", x.submitted_at AS "submittedAt", x.excluded_at AS "excludedAt",
         x.excluded_reason AS "excludedReason", count(*) OVER ()::int AS total
    FROM assignment x
    JOIN scoring_round r ON r.id = x.round_id
    JOIN application ap ON ap.id = x.application_id
    JOIN municipality m ON m.ksh_code = ap.municipality_ksh
    JOIN jury_member j ON j.id = x.jury_member_id
    JOIN app_user u ON u.id = j.user_id`;

/** A question of the call that a submitted form answers, as the detail's statement reads it. */
interface AnswerQuestionRow {
  id: string;
  position: number;
  labelHu: string;
  labelEn: string;
  kind: QuestionKind;
  choices: QuestionChoice[] | null;
}

/**
 * The form's answers in the order of the call's questions, each with its question's labels
 * (and a choice's labels); an answer whose question is no longer on record comes last.
 */
function answeredQuestions(content: ApplicationContent, questions: AnswerQuestionRow[]): AnsweredQuestion[] {
  const answers = content.answers ?? {};
  const known = questions
    .filter((q) => answers[q.id] !== undefined && answers[q.id] !== null)
    .map((q): AnsweredQuestion => {
      const value = answers[q.id];
      const choice = q.kind === 'single_choice' ? q.choices?.find((c) => c.value === value) : undefined;
      return {
        questionId: q.id,
        position: q.position,
        labelHu: q.labelHu,
        labelEn: q.labelEn,
        kind: q.kind,
        value,
        choiceHu: choice?.hu ?? null,
        choiceEn: choice?.en ?? null,
      };
    });
  const ids = new Set(questions.map((q) => q.id));
  const unknown = Object.entries(answers)
    .filter(([id, value]) => !ids.has(id) && value !== undefined && value !== null)
    .map(([questionId, value]): AnsweredQuestion => ({
      questionId,
      position: null,
      labelHu: null,
      labelEn: null,
      kind: null,
      value,
      choiceHu: null,
      choiceEn: null,
    }));
  return [...known, ...unknown];
}

/** A scorecard as its juror sees it: the assignment's state, its scores, and the criteria still missing. */
function scorecardView(assignment: Assignment, scores: ScoreView[], criteria: RoundCriterion[]): ScorecardView {
  const done = new Set(scores.filter((s) => s.points !== null || s.abstainReason).map((s) => s.criterionId));
  return {
    assignmentId: assignment.id,
    status: assignment.status,
    version: assignment.version,
    scores,
    privateNote: assignment.privateNote,
    feedback: assignment.feedback,
    submittedAt: assignment.submittedAt,
    updatedAt: assignment.updatedAt,
    missing: criteria.filter((c) => !done.has(c.id)).map((c) => c.id),
  };
}

/**
 * Saves the scores given, in one statement: what a score leaves out stays as it was (points
 * given clear an abstention and the other way round; a note only when given). The
 * assignment's row is locked by the caller, so the scores read here cannot change meanwhile.
 */
async function upsertScores(manager: EntityManager, assignmentId: string, scores: ScoreInput[], now: Date) {
  const given = <T>(value: T | undefined) => value !== undefined;
  await manager.query(
    `INSERT INTO score (assignment_id, criterion_id, points, abstain_reason, note, updated_at)
     SELECT $1, t.criterion_id,
            CASE WHEN t.set_points THEN t.points WHEN t.set_abstain AND t.abstain_reason IS NOT NULL THEN NULL ELSE s.points END,
            CASE WHEN t.set_abstain THEN t.abstain_reason WHEN t.set_points AND t.points IS NOT NULL THEN NULL ELSE s.abstain_reason END,
            CASE WHEN t.set_note THEN t.note ELSE s.note END,
            $2
       FROM unnest($3::uuid[], $4::numeric[], $5::text[], $6::text[], $7::boolean[], $8::boolean[], $9::boolean[])
              AS t(criterion_id, points, abstain_reason, note, set_points, set_abstain, set_note)
       LEFT JOIN score s ON s.assignment_id = $1 AND s.criterion_id = t.criterion_id
     ON CONFLICT (assignment_id, criterion_id) DO UPDATE SET
       points = EXCLUDED.points, abstain_reason = EXCLUDED.abstain_reason, note = EXCLUDED.note,
       updated_at = EXCLUDED.updated_at`,
    [
      assignmentId,
      now,
      scores.map((item) => item.criterionId),
      scores.map((item) => (item.points == null ? null : String(item.points))),
      scores.map((item) => (item.abstainReason == null ? null : item.abstainReason.trim() || null)),
      scores.map((item) => item.note?.trim() || null),
      scores.map((item) => given(item.points)),
      scores.map((item) => given(item.abstainReason)),
      scores.map((item) => given(item.note)),
    ],
  );
}

/**
 * Refuses scores that do not fit the round: a criterion of another round or call, one
 * named twice, points above the maximum or off the call's step, points and an abstention
 * at once. 400 naming each field (scores.<index>.<field>); nothing is stored.
 */
function checkScores(scores: ScoreInput[], criteria: RoundCriterion[], step: number): void {
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const fields: FieldProblems = {};
  const seen = new Set<string>();
  scores.forEach((item, index) => {
    const criterion = byId.get(item.criterionId);
    if (!criterion) {
      fields[`scores.${index}.criterionId`] = { key: 'fields.criterionNotInRound' };
      return;
    }
    if (seen.has(item.criterionId)) fields[`scores.${index}.criterionId`] = { key: 'fields.criterionRepeated' };
    seen.add(item.criterionId);
    if (typeof item.points === 'number') {
      if (item.points > criterion.maxPoints) {
        fields[`scores.${index}.points`] = { key: 'fields.pointsAboveMax', args: { max: criterion.maxPoints } };
      } else if (Math.abs(item.points / step - Math.round(item.points / step)) > 1e-9) {
        fields[`scores.${index}.points`] = { key: 'fields.pointsOffStep', args: { step } };
      }
      if (item.abstainReason) fields[`scores.${index}.abstainReason`] = { key: 'fields.pointsOrAbstain' };
    }
  });
  if (Object.keys(fields).length) throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, fields);
}
