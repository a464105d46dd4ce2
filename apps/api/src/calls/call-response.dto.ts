import { ApiProperty } from '@nestjs/swagger';
import {
  CALL_STATUSES,
  CallContent,
  CallCriterion,
  CallDetail,
  CallQuestion,
  CallStatus,
  CallSummary,
  CallTheme,
  QUESTION_KINDS,
  QuestionKind,
} from '@portal/calls';
import { toBudapestIso } from '@portal/core';

const UTC = (description: string) => ({ description: `${description} (UTC)`, example: '2026-03-31T21:59:00.000Z' });
const LOCAL = (description: string) => ({
  description: `${description}, in Budapest time with its offset`,
  example: '2026-03-31T23:59:00+02:00',
});
const UTC_OR_NULL = (description: string) => ({ ...UTC(description), nullable: true, type: String });
const LOCAL_OR_NULL = (description: string) => ({ ...LOCAL(description), nullable: true, type: String });

export class ProgrammeResponse {
  @ApiProperty({ example: 'logy' }) code: string;
  @ApiProperty({ example: 'Legjobb Önkormányzati Gyakorlatok' }) nameHu: string;
  @ApiProperty({ example: 'Best Practices of Local Governments' }) nameEn: string;
}

export class CallResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: ProgrammeResponse }) programme: ProgrammeResponse;
  @ApiProperty({ type: 'integer', example: 2027 }) year: number;
  @ApiProperty() titleHu: string;
  @ApiProperty() titleEn: string;
  @ApiProperty() descriptionHu: string;
  @ApiProperty() descriptionEn: string;
  @ApiProperty({ enum: CALL_STATUSES, description: 'Derived from the dates and the current time' })
  status: CallStatus;
  @ApiProperty({ description: 'submissionOpensAt ≤ now < submissionClosesAt, and announced' })
  acceptingSubmissions: boolean;
  @ApiProperty(UTC('Submissions accepted from')) submissionOpensAt: string;
  @ApiProperty(LOCAL('Submissions accepted from')) submissionOpensAtBudapest: string;
  @ApiProperty(UTC('Submission deadline, exclusive: a submission received at this instant is late'))
  submissionClosesAt: string;
  @ApiProperty(LOCAL('Submission deadline, exclusive')) submissionClosesAtBudapest: string;
  @ApiProperty(UTC('Scoring closes')) scoringClosesAt: string;
  @ApiProperty(LOCAL('Scoring closes')) scoringClosesAtBudapest: string;
  @ApiProperty(UTC('Results due')) resultsAt: string;
  @ApiProperty(LOCAL('Results due')) resultsAtBudapest: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null: one per theme' })
  maxApplicationsPerMunicipality: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) practiceStartedAfter: string | null;
  @ApiProperty(UTC_OR_NULL('Announced; null: a draft')) announcedAt: string | null;
  @ApiProperty(LOCAL_OR_NULL('Announced')) announcedAtBudapest: string | null;
  @ApiProperty(UTC_OR_NULL('Scoring started')) scoringStartedAt: string | null;
  @ApiProperty(LOCAL_OR_NULL('Scoring started')) scoringStartedAtBudapest: string | null;
  @ApiProperty(UTC_OR_NULL('Decided')) decidedAt: string | null;
  @ApiProperty(LOCAL_OR_NULL('Decided')) decidedAtBudapest: string | null;
  @ApiProperty(UTC_OR_NULL('Results published')) resultsPublishedAt: string | null;
  @ApiProperty(LOCAL_OR_NULL('Results published')) resultsPublishedAtBudapest: string | null;
  @ApiProperty({ type: 'integer', description: 'Send it back with PATCH' }) version: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) copiedFromCallId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CallThemeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() titleHu: string;
  @ApiProperty() titleEn: string;
  @ApiProperty() descriptionHu: string;
  @ApiProperty() descriptionEn: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) sponsorOrganisationId: string | null;
}

export class CallCriterionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() nameHu: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() guidanceHu: string;
  @ApiProperty() guidanceEn: string;
  @ApiProperty({ example: 1.5 }) weight: number;
  @ApiProperty({ type: 'integer', example: 10 }) maxPoints: number;
  @ApiProperty({ type: 'integer', nullable: true }) tieBreakOrder: number | null;
}

export class QuestionChoiceResponse {
  @ApiProperty() value: string;
  @ApiProperty() hu: string;
  @ApiProperty() en: string;
}

export class CallQuestionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() labelHu: string;
  @ApiProperty() labelEn: string;
  @ApiProperty({ type: String, nullable: true }) helpHu: string | null;
  @ApiProperty({ type: String, nullable: true }) helpEn: string | null;
  @ApiProperty({ enum: QUESTION_KINDS }) kind: QuestionKind;
  @ApiProperty() required: boolean;
  @ApiProperty({ type: [QuestionChoiceResponse], nullable: true }) choices: QuestionChoiceResponse[] | null;
}

export class CallDetailResponse extends CallResponse {
  @ApiProperty({ type: [CallThemeResponse] }) themes: CallThemeResponse[];
  @ApiProperty({ type: [CallCriterionResponse] }) criteria: CallCriterionResponse[];
  @ApiProperty({ type: [CallQuestionResponse] }) questions: CallQuestionResponse[];
}

export const CALL_PHASES = ['submissionOpens', 'submissionCloses', 'scoringCloses', 'results'] as const;
export type CallPhase = (typeof CALL_PHASES)[number];

export class CallPhaseResponse {
  @ApiProperty({
    enum: CALL_PHASES,
    description: 'submissionOpens, submissionCloses (exclusive deadline), scoringCloses, results (due)',
  })
  phase: CallPhase;
  @ApiProperty(UTC('The instant')) at: string;
  @ApiProperty(LOCAL('The instant')) atBudapest: string;
}

/** The call accepting submissions now, as the home page shows it. */
export class CurrentCallResponse extends CallResponse {
  @ApiProperty({ type: [CallThemeResponse] }) themes: CallThemeResponse[];
  @ApiProperty({ type: [CallCriterionResponse] }) criteria: CallCriterionResponse[];
  @ApiProperty({ type: [CallPhaseResponse], description: 'The phases in time order' }) phases: CallPhaseResponse[];
}

const iso = (instant: Date | null): string | null => (instant ? instant.toISOString() : null);

export function toCallResponse({ call, programme, status, acceptingSubmissions }: CallSummary): CallResponse {
  return {
    id: call.id,
    programme: { code: programme.code, nameHu: programme.nameHu, nameEn: programme.nameEn },
    year: call.year,
    titleHu: call.titleHu,
    titleEn: call.titleEn,
    descriptionHu: call.descriptionHu,
    descriptionEn: call.descriptionEn,
    status,
    acceptingSubmissions,
    submissionOpensAt: call.submissionOpensAt.toISOString(),
    submissionOpensAtBudapest: toBudapestIso(call.submissionOpensAt),
    submissionClosesAt: call.submissionClosesAt.toISOString(),
    submissionClosesAtBudapest: toBudapestIso(call.submissionClosesAt),
    scoringClosesAt: call.scoringClosesAt.toISOString(),
    scoringClosesAtBudapest: toBudapestIso(call.scoringClosesAt),
    resultsAt: call.resultsAt.toISOString(),
    resultsAtBudapest: toBudapestIso(call.resultsAt),
    maxApplicationsPerMunicipality: call.maxApplicationsPerMunicipality,
    practiceStartedAfter: call.practiceStartedAfter,
    announcedAt: iso(call.announcedAt),
    announcedAtBudapest: toBudapestIso(call.announcedAt),
    scoringStartedAt: iso(call.scoringStartedAt),
    scoringStartedAtBudapest: toBudapestIso(call.scoringStartedAt),
    decidedAt: iso(call.decidedAt),
    decidedAtBudapest: toBudapestIso(call.decidedAt),
    resultsPublishedAt: iso(call.resultsPublishedAt),
    resultsPublishedAtBudapest: toBudapestIso(call.resultsPublishedAt),
    version: call.version,
    copiedFromCallId: call.copiedFromCallId,
    createdAt: call.createdAt.toISOString(),
    updatedAt: call.updatedAt.toISOString(),
  };
}

export function toThemeResponse(theme: CallTheme): CallThemeResponse {
  return {
    id: theme.id,
    position: theme.position,
    titleHu: theme.titleHu,
    titleEn: theme.titleEn,
    descriptionHu: theme.descriptionHu,
    descriptionEn: theme.descriptionEn,
    sponsorOrganisationId: theme.sponsorOrganisationId,
  };
}

export function toCriterionResponse(criterion: CallCriterion): CallCriterionResponse {
  return {
    id: criterion.id,
    position: criterion.position,
    nameHu: criterion.nameHu,
    nameEn: criterion.nameEn,
    guidanceHu: criterion.guidanceHu,
    guidanceEn: criterion.guidanceEn,
    weight: Number(criterion.weight),
    maxPoints: criterion.maxPoints,
    tieBreakOrder: criterion.tieBreakOrder,
  };
}

export function toQuestionResponse(question: CallQuestion): CallQuestionResponse {
  return {
    id: question.id,
    position: question.position,
    labelHu: question.labelHu,
    labelEn: question.labelEn,
    helpHu: question.helpHu,
    helpEn: question.helpEn,
    kind: question.kind,
    required: question.required,
    choices: question.choices,
  };
}

export function toCallDetailResponse(detail: CallDetail): CallDetailResponse {
  return {
    ...toCallResponse(detail),
    themes: detail.themes.map(toThemeResponse),
    criteria: detail.criteria.map(toCriterionResponse),
    questions: detail.questions.map(toQuestionResponse),
  };
}

export function toCurrentCallResponse(content: CallContent): CurrentCallResponse {
  const { call } = content;
  const phase = (name: CallPhase, at: Date): CallPhaseResponse => ({
    phase: name,
    at: at.toISOString(),
    atBudapest: toBudapestIso(at),
  });
  return {
    ...toCallResponse(content),
    themes: content.themes.map(toThemeResponse),
    criteria: content.criteria.map(toCriterionResponse),
    phases: [
      phase('submissionOpens', call.submissionOpensAt),
      phase('submissionCloses', call.submissionClosesAt),
      phase('scoringCloses', call.scoringClosesAt),
      phase('results', call.resultsAt),
    ],
  };
}
