export { CallsModule } from './calls.module';
export { Programme } from './programme.entity';
export { Call } from './call.entity';
export { CallTheme } from './call-theme.entity';
export { CallCriterion } from './call-criterion.entity';
export { CallQuestion, QUESTION_KINDS } from './call-question.entity';
export type { QuestionChoice, QuestionKind } from './call-question.entity';
export { CALL_STATUSES, callStatus, callStatusSql, isAcceptingSubmissions } from './call-status';
export type { CallStatus, CallTimeline } from './call-status';
export {
  CallsService,
  DEFAULT_PROGRAMME_CODE,
  assertPhasesInOrder,
  copyCallContent,
  isCallManager,
} from './calls.service';
export type {
  CallChanges,
  CallContent,
  CallCopy,
  CallDetail,
  CallFilter,
  CallPhases,
  CallSummary,
  NewCall,
} from './calls.service';
export { CallContentService } from './call-content.service';
export type { CriterionInput, QuestionInput, ThemeInput } from './call-content.service';
