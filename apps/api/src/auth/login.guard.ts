import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { DomainError, ErrorCode } from '@portal/core';
import { toFieldProblems } from '../http/validation';
import { LoginDto } from './auth.dto';

/**
 * Validates the login body like every other body (guards run before pipes), then lets
 * passport's local strategy check the credentials and starts the session. passport
 * regenerates the session id at login (session fixation).
 */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const dto = plainToInstance(LoginDto, req.body ?? {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, {}, toFieldProblems(errors));
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
