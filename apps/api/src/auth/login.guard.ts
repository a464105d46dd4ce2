import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { DomainError, ErrorCode } from '@portal/core';
import { createValidationPipe } from '../http/validation';
import { LoginDto } from './auth.dto';

/** The global pipe, so a login body is refused exactly as any other (`constructor` keys and all). */
const bodyPipe = createValidationPipe();

/**
 * Validates the login body like every other body (guards run before pipes), then lets
 * passport's local strategy check the credentials and starts the session. passport
 * regenerates the session id at login (session fixation).
 */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    await bodyPipe.transform(req.body ?? {}, { type: 'body', metatype: LoginDto });
    await super.canActivate(context);
    await super.logIn(req);
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error instanceof Error ? error : new DomainError(ErrorCode.INVALID_CREDENTIALS);
    if (!user) throw new DomainError(ErrorCode.INVALID_CREDENTIALS);
    return user;
  }
}
