import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { I18nService } from 'nestjs-i18n';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { currentContext, DomainError, ErrorCode, Lang, negotiateLang, TooManyAttemptsError } from '@portal/core';
import { ERROR_STATUS } from './error-status';

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: Record<string, string>;
    requestId?: string;
    [detail: string]: unknown;
  };
}

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.NOT_FOUND]: ErrorCode.ROUTE_NOT_FOUND,
  [HttpStatus.METHOD_NOT_ALLOWED]: ErrorCode.ROUTE_NOT_FOUND,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PAYLOAD_TOO_LARGE,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.TOO_MANY_ATTEMPTS,
  [HttpStatus.SERVICE_UNAVAILABLE]: ErrorCode.SERVICE_UNAVAILABLE,
};

/** Error codes of a database (or other service) that is away for now: restarting, shutting down, unreachable. */
const AWAY_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const AWAY_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * Whether the error says that PostgreSQL could not be reached or cut the connection (pg's
 * own errors, SQLSTATE class 08 and 57P01-03, also as TypeORM's driverError; TypeORM's
 * "already released" errors of a transaction whose connection was lost under it): the
 * request may be tried again, so the answer is 503, not 500.
 */
function serviceAway(error: unknown): boolean {
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) {
    return true;
  }
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current !== null && typeof current === 'object'; depth++) {
    const { code, message, driverError } = current as { code?: unknown; message?: unknown; driverError?: unknown };
    if (typeof code === 'string' && (code.startsWith('08') || AWAY_CODES.has(code))) return true;
    if (typeof message === 'string' && AWAY_MESSAGES.test(message)) return true;
    current = driverError;
  }
  return false;
}

/** Turns any error into the one error body, in the caller's language. */
export class ErrorResponder {
  private readonly logger = new Logger('ErrorResponder');

  constructor(private readonly i18n: I18nService) {}

  toDomainError(error: unknown): DomainError {
    if (error instanceof DomainError) return error;
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return new DomainError(HTTP_CODES[status] ?? (status < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL));
    }
    const status = (error as { status?: number; statusCode?: number })?.status;
    // body-parser and friends: malformed JSON, too large, wrong charset
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return new DomainError(status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.MALFORMED_REQUEST);
    }
    if (serviceAway(error)) return new DomainError(ErrorCode.SERVICE_UNAVAILABLE);
    return new DomainError(ErrorCode.INTERNAL);
  }

  send(error: unknown, req: Request, res: Response): void {
    const domain = this.toDomainError(error);
    const status: number = ERROR_STATUS[domain.code] ?? HttpStatus.INTERNAL_SERVER_ERROR;
    if (status >= 500) {
      this.logger.error({ err: error }, `request failed: ${(error as Error)?.message ?? String(error)}`);
    }
    const lang: Lang = currentContext()?.lang ?? negotiateLang(req.query?.lang, req.headers['accept-language']);
    const body: ErrorBody = {
      error: {
        ...domain.details,
        code: domain.code,
        message: this.i18n.t(`errors.${domain.code}`, { lang, args: domain.args }),
        requestId: currentContext()?.requestId,
      },
    };
    if (domain.fields && Object.keys(domain.fields).length > 0) {
      body.error.fields = Object.fromEntries(
        Object.entries(domain.fields).map(([field, problem]) => [
          field,
          this.i18n.t(problem.key, { lang, args: { property: field, ...problem.args } }),
        ]),
      );
    }
    if (domain instanceof TooManyAttemptsError) res.setHeader('Retry-After', String(domain.retryAfterSeconds));
    if (res.headersSent) return;
    res.status(status).json(body);
  }
}
