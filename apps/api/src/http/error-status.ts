import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@portal/core';

/** The one place where domain error codes become HTTP statuses. */
export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [ErrorCode.MALFORMED_REQUEST]: HttpStatus.BAD_REQUEST,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.ROUTE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.MUNICIPALITY_NOT_FOUND]: HttpStatus.BAD_REQUEST,
  [ErrorCode.ORGANISATION_NOT_FOUND]: HttpStatus.BAD_REQUEST,
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.INVALID_CREDENTIALS]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.ACCOUNT_DEACTIVATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.CSRF_INVALID]: HttpStatus.FORBIDDEN,
  [ErrorCode.CANNOT_DEACTIVATE_SELF]: HttpStatus.CONFLICT,
  [ErrorCode.WRONG_PASSWORD]: HttpStatus.BAD_REQUEST,
  [ErrorCode.TOKEN_INVALID]: HttpStatus.BAD_REQUEST,
  [ErrorCode.INVITATION_INVALID]: HttpStatus.BAD_REQUEST,
  [ErrorCode.EMAIL_TAKEN]: HttpStatus.CONFLICT,
  [ErrorCode.MEMBERSHIP_EXISTS]: HttpStatus.CONFLICT,
  [ErrorCode.MEMBERSHIP_ALREADY_DECIDED]: HttpStatus.CONFLICT,
  [ErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.TOO_MANY_ATTEMPTS]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.SERVICE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.INTERNAL]: HttpStatus.INTERNAL_SERVER_ERROR,
};
