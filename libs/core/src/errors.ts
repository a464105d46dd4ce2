/**
 * Every refusal the portal can give, by code. The api maps codes to HTTP statuses in one
 * place (apps/api/src/http/error-status.ts); the worker handles the same errors without
 * HTTP. Messages live in libs/core/src/i18n/<lang>/errors.json under the same code.
 */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  NOT_FOUND = 'NOT_FOUND',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  CSRF_INVALID = 'CSRF_INVALID',
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  MUNICIPALITY_NOT_FOUND = 'MUNICIPALITY_NOT_FOUND',
  ORGANISATION_NOT_FOUND = 'ORGANISATION_NOT_FOUND',
  MEMBERSHIP_EXISTS = 'MEMBERSHIP_EXISTS',
  MEMBERSHIP_ALREADY_DECIDED = 'MEMBERSHIP_ALREADY_DECIDED',
  INVITATION_INVALID = 'INVITATION_INVALID',
  TOKEN_INVALID = 'TOKEN_INVALID',
  WRONG_PASSWORD = 'WRONG_PASSWORD',
  ACCOUNT_DEACTIVATED = 'ACCOUNT_DEACTIVATED',
  CANNOT_DEACTIVATE_SELF = 'CANNOT_DEACTIVATE_SELF',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  MALFORMED_REQUEST = 'MALFORMED_REQUEST',
  CONFLICT = 'CONFLICT',
  STALE_VERSION = 'STALE_VERSION',
  CALL_YEAR_TAKEN = 'CALL_YEAR_TAKEN',
  CALL_PHASES_INVALID = 'CALL_PHASES_INVALID',
  CALL_NOT_EDITABLE = 'CALL_NOT_EDITABLE',
  CALL_NOT_ANNOUNCEABLE = 'CALL_NOT_ANNOUNCEABLE',
  CALL_WRONG_STATUS = 'CALL_WRONG_STATUS',
  CALL_ITEM_NOT_REMOVABLE = 'CALL_ITEM_NOT_REMOVABLE',
  CRITERIA_FROZEN = 'CRITERIA_FROZEN',
  TIE_BREAK_TAKEN = 'TIE_BREAK_TAKEN',
  APPLICATION_STALE_VERSION = 'APPLICATION_STALE_VERSION',
  APPLICATION_WRONG_STATUS = 'APPLICATION_WRONG_STATUS',
  APPLICATION_DEADLINE_PASSED = 'APPLICATION_DEADLINE_PASSED',
  SUBMISSION_NOT_OPEN = 'SUBMISSION_NOT_OPEN',
  APPLICATION_INCOMPLETE = 'APPLICATION_INCOMPLETE',
  PRACTICE_TOO_RECENT = 'PRACTICE_TOO_RECENT',
  APPLICATION_LIMIT_REACHED = 'APPLICATION_LIMIT_REACHED',
  ATTACHMENT_LIMIT_REACHED = 'ATTACHMENT_LIMIT_REACHED',
  FORMAL_CHECK_NOT_OPEN = 'FORMAL_CHECK_NOT_OPEN',
  JURY_MEMBER_EXISTS = 'JURY_MEMBER_EXISTS',
  NOT_A_JUROR = 'NOT_A_JUROR',
  DECLARATION_REQUIRED = 'DECLARATION_REQUIRED',
  JUROR_CONFLICTED = 'JUROR_CONFLICTED',
  OUTSIDE_JUROR_THEMES = 'OUTSIDE_JUROR_THEMES',
  NOT_IN_ROUND = 'NOT_IN_ROUND',
  ROUND_NOT_OPEN = 'ROUND_NOT_OPEN',
  ROUND_WRONG_STATE = 'ROUND_WRONG_STATE',
  SCORECARD_INCOMPLETE = 'SCORECARD_INCOMPLETE',
  SCORES_SEALED = 'SCORES_SEALED',
  ASSIGNMENT_SCORED = 'ASSIGNMENT_SCORED',
  JURY_SETTINGS_LOCKED = 'JURY_SETTINGS_LOCKED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

/** A field name and the i18n key (under `fields.`) of what is wrong with it. */
export type FieldProblems = Record<string, { key: string; args?: Record<string, unknown> }>;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly args: Record<string, unknown> = {},
    readonly fields?: FieldProblems,
    /** Extra data for the response body (e.g. the current version on a conflict). */
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(ErrorCode.NOT_FOUND, { what });
  }
}

export class ForbiddenError extends DomainError {
  constructor() {
    super(ErrorCode.FORBIDDEN);
  }
}

export class TooManyAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(ErrorCode.TOO_MANY_ATTEMPTS, { seconds: retryAfterSeconds });
  }
}
