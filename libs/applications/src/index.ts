export { ApplicationsModule } from './applications.module';
export { Application, APPLICATION_STATUSES, FORMAL_CHECK_RESULTS } from './application.entity';
export type { ApplicationStatus, FormalCheckResult } from './application.entity';
export { ApplicationSubmission } from './application-submission.entity';
export {
  ApplicationAttachment,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_APPLICATION,
} from './application-attachment.entity';
export { DeadlineExtension } from './deadline-extension.entity';
export {
  canonicalJson,
  changedFields,
  mergeContent,
  missingFields,
  submissionDigest,
  REQUIRED_FIELDS,
  REQUIRED_CONTACT_FIELDS,
  SUMMARY_MAX_LENGTH,
  TITLE_MAX_LENGTH,
  TEXT_MAX_LENGTH,
  SHORT_ANSWER_MAX_LENGTH,
} from './application-content';
export type {
  AnswerValue,
  ApplicationContact,
  ApplicationContent,
  ContentPatch,
  SubmittedAttachment,
} from './application-content';
export { ApplicationsService, canSeeAllApplications } from './applications.service';
export type {
  ApplicationChanges,
  ApplicationDetail,
  AttachmentFacts,
  SubmissionFacts,
  ApplicationFilter,
  ApplicationRow,
  FormalCheckFilter,
  NewApplication,
  StaffMember,
  SubmissionResult,
} from './applications.service';
export { ApplicationReviewService } from './application-review.service';
export type { ApplicationsCsv, FormalCheckInput, Reopening } from './application-review.service';
export { ApplicationStatisticsService } from './application-statistics.service';
export type {
  CallOverview,
  CallStatistics,
  CountyCount,
  StatusCount,
  ThemeCount,
} from './application-statistics.service';
export { DeadlineExtensionsService } from './deadline-extensions.service';
export type { DeadlineExtensionRow, NewDeadlineExtension } from './deadline-extensions.service';
export { ApplicationAttachmentsService } from './application-attachments.service';
export type { UploadedAttachment } from './application-attachments.service';
export { formatBudapestTime } from './budapest-format';
