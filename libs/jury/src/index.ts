export { JuryModule } from './jury.module';
export { JurySettings, JuryMember } from './jury-member.entity';
export { ConflictOfInterest, JurorPreference, CONFLICT_SOURCES, PREFERENCES } from './conflict.entity';
export type { ConflictSource, Preference } from './conflict.entity';
export { ScoringRound, RoundCriterion, RoundEntry } from './scoring-round.entity';
export { Assignment, Score, ASSIGNMENT_STATUSES } from './assignment.entity';
export type { AssignmentStatus } from './assignment.entity';
export { JuryService, DECLARATION_VERSION } from './jury.service';
export type {
  CandidateRow,
  ConflictRow,
  JurorCallRow,
  JuryMemberRow,
  JurySettingsChanges,
  JurySettingsView,
  ScoringMethodName,
} from './jury.service';
export { RoundsService, roundState } from './rounds.service';
export type {
  ApplicationProgressRow,
  CriterionInput,
  JurorProgressRow,
  NewRound,
  RankingRow,
  RankingPage,
  RankingQuery,
  RoundChanges,
  RoundCriterionRecord,
  ScorecardRecord,
  RoundDetail,
  RoundState,
  ShortlistInput,
} from './rounds.service';
export { AssignmentsService } from './assignments.service';
export type {
  AnsweredQuestion,
  AssignmentDetail,
  AssignmentRow,
  AutoAssignResult,
  MyRoundProgress,
  PanelScorecard,
  PartnerOrganisationView,
  ScorecardInput,
  ScorecardView,
  ScoreInput,
  ScoreView,
} from './assignments.service';
export { JuryRemindersService } from './reminders.service';
export type { ReminderRun } from './reminders.service';
