import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Role, SessionUser } from '@portal/identity';
import { RolesGuard } from './roles.guard';

export const ROLES_KEY = 'portal:roles';

/**
 * The route needs a signed-in, active user; with roles, one of them. Without this
 * decorator a route is public.
 */
export function Auth(...roles: Role[]) {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    UseGuards(RolesGuard),
    ApiCookieAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in' }),
    ...(roles.length ? [ApiForbiddenResponse({ description: `Needs one of: ${roles.join(', ')}` })] : []),
  );
}

/** The signed-in user of the request (set by passport from the session). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): SessionUser => {
  return ctx.switchToHttp().getRequest<Request>().user as SessionUser;
});
