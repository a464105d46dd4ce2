export { ResultsModule } from './results.module';
export { AwardDecision, AwardLevel, Publication, PUBLICATION_STATUSES, ThemeDecision } from './results.entities';
export type { PublicationFiles, PublicationStatus } from './results.entities';
export { DecisionsService, DEFAULT_AWARD_LEVELS, followsRanking } from './decisions.service';
export type { AwardLevelView, ThemeAwardsInput, ThemeDecisionView } from './decisions.service';
export { PublicationsService } from './publications.service';
export type {
  ApplicationOutcome,
  MunicipalityAward,
  PublicationCertificate,
  PublicationRequest,
  PublicationView,
} from './publications.service';
export { buildPublicResults, snapshotChanges } from './snapshot';
export type { PublicResults, ResultsSnapshot } from './snapshot';
export { ResultsExportsService } from './results-exports.service';
export { ApplicantOverviewService } from './applicant-overview.service';
export type {
  ApplicantOverview,
  OverviewApplication,
  OverviewOpenCall,
  OverviewOutcome,
} from './applicant-overview.service';
