import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QUESTION_KINDS, type QuestionKind } from '@portal/calls';
import { toBudapestIso } from '@portal/core';
import {
  ASSIGNMENT_STATUSES,
  type AssignmentDetail,
  type AssignmentRow,
  type AssignmentStatus,
  type AutoAssignResult,
  CONFLICT_SOURCES,
  type ConflictRow,
  type ConflictSource,
  type JurorCallRow,
  type JuryMemberRow,
  type PanelScorecard,
  PREFERENCES,
  type Preference,
  type RankingPage,
  type RoundCriterion,
  type RoundDetail,
  type ScorecardView,
  type ScoreView,
} from '@portal/jury';
import { PageResponse } from '../http/page-response';

export class JurySettingsResponse {
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ type: 'integer' }) jurorsPerApplication: number;
  @ApiProperty({ enum: [1, 0.5] }) scoreStep: number;
  @ApiProperty({ enum: ['mean', 'median', 'trimmed_mean', 'normalised'] }) scoringMethod: string;
  @ApiProperty({ type: Number, nullable: true }) minAwardScore: number | null;
  @ApiProperty() disagreementThreshold: number;
}

export class JuryMemberResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationCode: string;
  @ApiProperty() organisationNameHu: string;
  @ApiProperty() organisationNameEn: string;
  @ApiProperty({ type: [String], description: 'Empty: every theme.' }) themeIds: string[];
  @ApiProperty({ type: String, nullable: true }) declarationAcceptedAt: string | null;
  @ApiProperty() addedAt: string;
  @ApiProperty({ type: String, nullable: true }) removedAt: string | null;
}
export class JuryMemberPageResponse extends PageResponse(JuryMemberResponse) {}

export function toJuryMemberResponse(m: JuryMemberRow): JuryMemberResponse {
  return {
    ...m,
    declarationAcceptedAt: toBudapestIso(m.declarationAcceptedAt),
    addedAt: toBudapestIso(m.addedAt),
    removedAt: toBudapestIso(m.removedAt),
  };
}

export class DeclarationResponse {
  @ApiProperty({ type: 'integer', description: 'Recorded with each acceptance.' }) version: number;
  @ApiProperty() title: string;
  @ApiProperty() text: string;
}

export class JurorCallResponse {
  @ApiProperty({ format: 'uuid' }) juryMemberId: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty() titleHu: string;
  @ApiProperty() titleEn: string;
  @ApiProperty({ type: [String] }) themeIds: string[];
  @ApiProperty({ type: String, nullable: true }) declarationAcceptedAt: string | null;
  @ApiProperty({ enum: ['mean', 'median', 'trimmed_mean', 'normalised'], description: 'How scores become a ranking.' })
  scoringMethod: string;
}

export function toJurorCallResponse(c: JurorCallRow): JurorCallResponse {
  return { ...c, declarationAcceptedAt: toBudapestIso(c.declarationAcceptedAt) };
}

export class ConflictResponse {
  @ApiProperty({ format: 'uuid' }) juryMemberId: string;
  @ApiProperty() jurorName: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() applicationTitle: string;
  @ApiProperty() municipalityName: string;
  @ApiProperty({ enum: CONFLICT_SOURCES, description: 'declared, coordinator; automatic: municipality, partner' })
  source: ConflictSource;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, nullable: true }) createdAt: string | null;
}
export class ConflictPageResponse extends PageResponse(ConflictResponse) {}

export function toConflictResponse(c: ConflictRow): ConflictResponse {
  return { ...c, createdAt: toBudapestIso(c.createdAt) };
}

export class CandidateResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) themeId: string;
  @ApiProperty() themeTitleHu: string;
  @ApiProperty() themeTitleEn: string;
  @ApiProperty() title: string;
  @ApiProperty() municipalityName: string;
  @ApiProperty({ type: String, nullable: true, description: 'Not shown where the juror is in conflict.' })
  summary: string | null;
  @ApiProperty({ enum: CONFLICT_SOURCES, nullable: true }) conflict: ConflictSource | null;
  @ApiProperty({ enum: PREFERENCES }) preference: Preference;
}
export class CandidatePageResponse extends PageResponse(CandidateResponse) {}

export class PreferenceResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ enum: PREFERENCES }) preference: Preference;
}

export class RoundCriterionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() nameHu: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() guidanceHu: string;
  @ApiProperty() guidanceEn: string;
  @ApiProperty() weight: number;
  @ApiProperty({ type: 'integer' }) maxPoints: number;
  @ApiProperty({ type: 'integer', nullable: true }) tieBreakOrder: number | null;
}

function toCriterionResponse(c: RoundCriterion): RoundCriterionResponse {
  return {
    id: c.id,
    position: c.position,
    nameHu: c.nameHu,
    nameEn: c.nameEn,
    guidanceHu: c.guidanceHu,
    guidanceEn: c.guidanceEn,
    weight: Number(c.weight),
    maxPoints: c.maxPoints,
    tieBreakOrder: c.tieBreakOrder,
  };
}

export class RoundResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ type: 'integer' }) number: number;
  @ApiProperty() nameHu: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() opensAt: string;
  @ApiProperty({ description: 'Exclusive.' }) closesAt: string;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty({ enum: ['upcoming', 'open', 'closed'] }) state: string;
  @ApiProperty({ type: [String], nullable: true }) juryMemberIds: string[] | null;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: 'integer', description: 'Applications scored in the round.' }) applications: number;
  @ApiProperty({ type: [RoundCriterionResponse] }) criteria: RoundCriterionResponse[];
}

export function toRoundResponse(d: RoundDetail): RoundResponse {
  const r = d.round;
  return {
    id: r.id,
    callId: r.callId,
    number: r.number,
    nameHu: r.nameHu,
    nameEn: r.nameEn,
    opensAt: toBudapestIso(r.opensAt),
    closesAt: toBudapestIso(r.closesAt),
    closedAt: toBudapestIso(r.closedAt),
    state: d.state,
    juryMemberIds: r.juryMemberIds,
    version: r.version,
    applications: d.applications,
    criteria: d.criteria.map(toCriterionResponse),
  };
}

export class ShortfallResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'integer' }) needed: number;
  @ApiProperty({ type: 'integer' }) assigned: number;
  @ApiProperty({ type: 'integer', description: 'Jurors who could take it at all.' }) candidates: number;
  @ApiProperty({ type: 'integer' }) conflicted: number;
  @ApiProperty({ type: 'integer' }) outsideThemes: number;
  @ApiProperty({ enum: ['no_jurors', 'too_few_jurors'] }) reason: string;
}

export class JurorLoadResponse {
  @ApiProperty({ format: 'uuid' }) juryMemberId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer' }) load: number;
}

export class PreferenceCountsResponse {
  @ApiProperty({ type: 'integer' }) keen: number;
  @ApiProperty({ type: 'integer' }) neutral: number;
  @ApiProperty({ type: 'integer' }) rather_not: number;
}

export class AutoAssignResponse {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ type: 'integer' }) jurorsPerApplication: number;
  @ApiProperty({ type: 'integer' }) created: number;
  @ApiProperty({ type: 'integer' }) kept: number;
  @ApiProperty({ type: 'integer' }) replanned: number;
  @ApiProperty({ type: [ShortfallResponse] }) shortfalls: ShortfallResponse[];
  @ApiProperty({ type: [JurorLoadResponse] }) loads: JurorLoadResponse[];
  @ApiProperty({ type: 'integer' }) loadSpread: number;
  @ApiProperty({ type: PreferenceCountsResponse }) preferenceCounts: PreferenceCountsResponse;
}

export function toAutoAssignResponse(r: AutoAssignResult): AutoAssignResponse {
  return r;
}

export class AssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ type: 'integer' }) roundNumber: number;
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() applicationTitle: string;
  @ApiProperty() municipalityName: string;
  @ApiProperty({ format: 'uuid' }) themeId: string;
  @ApiProperty({ format: 'uuid' }) juryMemberId: string;
  @ApiProperty() jurorName: string;
  @ApiProperty({ enum: ['auto', 'manual'] }) source: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status: AssignmentStatus;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) excludedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) excludedReason: string | null;
}
export class AssignmentPageResponse extends PageResponse(AssignmentResponse) {}

export function toAssignmentResponse(a: AssignmentRow): AssignmentResponse {
  return {
    ...a,
    updatedAt: toBudapestIso(a.updatedAt),
    submittedAt: toBudapestIso(a.submittedAt),
    excludedAt: toBudapestIso(a.excludedAt),
  };
}

export class ScoreResponse {
  @ApiProperty({ format: 'uuid' }) criterionId: string;
  @ApiProperty({ type: Number, nullable: true }) points: number | null;
  @ApiProperty({ type: String, nullable: true }) abstainReason: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

function toScoreResponse(s: ScoreView): ScoreResponse {
  return { ...s };
}

export class ScorecardResponse {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status: AssignmentStatus;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: [ScoreResponse] }) scores: ScoreResponse[];
  @ApiProperty({ type: String, nullable: true }) privateNote: string | null;
  @ApiProperty({ type: String, nullable: true }) feedback: string | null;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: [String], description: 'Criteria still without points or an abstention.' }) missing: string[];
}

export function toScorecardResponse(s: ScorecardView): ScorecardResponse {
  return {
    ...s,
    scores: s.scores.map(toScoreResponse),
    submittedAt: toBudapestIso(s.submittedAt),
    updatedAt: toBudapestIso(s.updatedAt),
  };
}

export class SubmittedAttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty() sha256: string;
}

export class AnsweredQuestionResponse {
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: "The question's place in the call's form; null: no longer on record.",
  })
  position: number | null;
  @ApiProperty({ type: String, nullable: true }) labelHu: string | null;
  @ApiProperty({ type: String, nullable: true }) labelEn: string | null;
  @ApiProperty({ enum: QUESTION_KINDS, nullable: true }) kind: QuestionKind | null;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'number' }],
    description: "As submitted: text, a number, a date (YYYY-MM-DD) or a choice's value.",
  })
  value: string | number;
  @ApiProperty({ type: String, nullable: true, description: "The chosen option's label (single choice)." })
  choiceHu: string | null;
  @ApiProperty({ type: String, nullable: true }) choiceEn: string | null;
}

export class PartnerOrganisationResponse {
  @ApiProperty() code: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null: the code is no longer in the register.' })
  nameHu: string | null;
  @ApiProperty({ type: String, nullable: true }) nameEn: string | null;
}

export class AssignedApplicationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) themeId: string;
  @ApiProperty() themeTitleHu: string;
  @ApiProperty() themeTitleEn: string;
  @ApiProperty() municipalityKsh: string;
  @ApiProperty() municipalityName: string;
  @ApiProperty({ type: 'integer' }) submissionNumber: number;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The submitted form.' }) content: object;
  @ApiProperty({ type: [SubmittedAttachmentResponse] }) attachments: SubmittedAttachmentResponse[];
  @ApiProperty({
    type: [AnsweredQuestionResponse],
    description: "The answers to the call's extra questions, in the form's order, with the questions' labels.",
  })
  answers: AnsweredQuestionResponse[];
  @ApiProperty({
    type: [PartnerOrganisationResponse],
    description: 'The partner organisations the form names, with their names.',
  })
  partnerOrganisations: PartnerOrganisationResponse[];
}

export class AssignmentDetailResponse {
  @ApiProperty({ type: AssignmentResponse }) assignment: Pick<
    AssignmentResponse,
    'id' | 'roundId' | 'applicationId' | 'juryMemberId' | 'status'
  >;
  @ApiProperty({ type: RoundResponse }) round: Omit<RoundResponse, 'applications' | 'criteria'>;
  @ApiProperty({ enum: [1, 0.5] }) scoreStep: number;
  @ApiProperty({ type: [RoundCriterionResponse] }) criteria: RoundCriterionResponse[];
  @ApiProperty({ type: ScorecardResponse }) scorecard: ScorecardResponse;
  @ApiProperty({ type: AssignedApplicationResponse }) application: AssignedApplicationResponse;
}

export function toAssignmentDetailResponse(d: AssignmentDetail): AssignmentDetailResponse {
  const r = d.round;
  return {
    assignment: {
      id: d.assignment.id,
      roundId: d.assignment.roundId,
      applicationId: d.assignment.applicationId,
      juryMemberId: d.assignment.juryMemberId,
      status: d.assignment.status,
    },
    round: {
      id: r.id,
      callId: r.callId,
      number: r.number,
      nameHu: r.nameHu,
      nameEn: r.nameEn,
      opensAt: toBudapestIso(r.opensAt),
      closesAt: toBudapestIso(r.closesAt),
      closedAt: toBudapestIso(r.closedAt),
      state: d.roundState,
      juryMemberIds: null,
      version: r.version,
    },
    scoreStep: d.scoreStep,
    criteria: d.criteria.map(toCriterionResponse),
    scorecard: toScorecardResponse(d.scorecard),
    application: { ...d.application, receivedAt: toBudapestIso(d.application.receivedAt) },
  };
}

export class PanelScorecardResponse {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ format: 'uuid' }) juryMemberId: string;
  @ApiProperty() jurorName: string;
  @ApiProperty() organisationCode: string;
  @ApiProperty({ enum: ASSIGNMENT_STATUSES }) status: AssignmentStatus;
  @ApiProperty({ type: [ScoreResponse] }) scores: ScoreResponse[];
  @ApiProperty({ type: String, nullable: true }) privateNote: string | null;
  @ApiProperty({ type: String, nullable: true }) feedback: string | null;
  @ApiProperty({ type: String, nullable: true }) submittedAt: string | null;
  @ApiProperty() excluded: boolean;
}

export function toPanelResponse(p: PanelScorecard): PanelScorecardResponse {
  return { ...p, scores: p.scores.map(toScoreResponse), submittedAt: toBudapestIso(p.submittedAt) };
}

export class RankingRowResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) themeId: string;
  @ApiProperty() title: string;
  @ApiProperty() municipalityName: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Within the theme; null: no counted scorecard.' })
  rank: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "By the call's method, 0–100." }) score: number | null;
  @ApiProperty({ type: 'integer', description: 'Counted scorecards with a total.' }) jurors: number;
  @ApiProperty({ type: [Number], description: "The jurors' totals (0–100), ascending; no juror named." })
  totals: number[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number', nullable: true },
    description: 'Mean points of each tie-break criterion (by criterion id); null for the other criteria.',
  })
  criterionMeans: Record<string, number | null>;
  @ApiProperty({ type: Number, nullable: true }) median: number | null;
  @ApiProperty({ type: Number, nullable: true }) sd: number | null;
  @ApiProperty({ type: Number, nullable: true }) range: number | null;
  @ApiProperty({ description: 'The jurors disagree more than the call allows: to discuss.' }) flagged: boolean;
  @ApiProperty() eligibleForAward: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'score, criterion:<id>, median or committee' })
  decidedBy: string | null;
  @ApiProperty() unresolvedTie: boolean;
}

export class RankingPageResponse extends PageResponse(RankingRowResponse) {
  @ApiProperty({ enum: ['mean', 'median', 'trimmed_mean', 'normalised'], description: "The call's method." })
  methodRequested: string;
  @ApiProperty({
    enum: ['mean', 'median', 'trimmed_mean', 'normalised'],
    description: 'The method used: mean when normalisation was refused (see notes).',
  })
  methodUsed: string;
  @ApiProperty({
    type: [String],
    description:
      'Machine-readable notes, e.g. normalised_refused:too_few_per_juror, trimmed_mean_fallback:<applicationId>.',
  })
  notes: string[];
}

export function toRankingPageResponse(page: RankingPage): RankingPageResponse {
  return page;
}

export class JurorProgressResponse {
  @ApiProperty({ format: 'uuid' }) juryMemberId: string;
  @ApiProperty() name: string;
  @ApiProperty() organisationCode: string;
  @ApiProperty({ type: 'integer' }) assigned: number;
  @ApiProperty({ type: 'integer' }) started: number;
  @ApiProperty({ type: 'integer' }) submitted: number;
  @ApiProperty({ type: 'integer' }) excluded: number;
}
export class JurorProgressPageResponse extends PageResponse(JurorProgressResponse) {}

export class ApplicationProgressResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() title: string;
  @ApiProperty() municipalityName: string;
  @ApiProperty({ format: 'uuid' }) themeId: string;
  @ApiProperty({ type: 'integer' }) needed: number;
  @ApiProperty({ type: 'integer' }) assigned: number;
  @ApiProperty({ type: 'integer' }) submitted: number;
}
export class ApplicationProgressPageResponse extends PageResponse(ApplicationProgressResponse) {}

export class MyProgressResponse {
  @ApiProperty({ format: 'uuid' }) roundId: string;
  @ApiProperty({ type: 'integer' }) assigned: number;
  @ApiProperty({ type: 'integer' }) started: number;
  @ApiProperty({ type: 'integer' }) submitted: number;
  @ApiProperty() closesAt: string;
  @ApiPropertyOptional({ enum: ['upcoming', 'open', 'closed'] }) state: string;
}

export class MethodWinnersResponse {
  @ApiProperty({ enum: ['mean', 'median', 'trimmed_mean', 'normalised'] }) method: string;
  @ApiProperty({ enum: ['mean', 'median', 'trimmed_mean', 'normalised'], description: 'After any fallback.' })
  used: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'Per theme id.',
  })
  winners: Record<string, string[]>;
}

export class SensitivityResponse {
  @ApiProperty({ description: "The call's method." }) requested: string;
  @ApiProperty({ type: [MethodWinnersResponse] }) methods: MethodWinnersResponse[];
  @ApiProperty({ description: 'Whether any method gives other winners than the call’s.' }) differs: boolean;
}
