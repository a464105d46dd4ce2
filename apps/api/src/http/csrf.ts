import type { NextFunction, Request, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { DomainError, ErrorCode } from '@portal/core';
import { Env } from '@portal/config';

export const CSRF_HEADER = 'x-csrf-token';

/**
 * Double-submit CSRF protection (csrf-csrf) bound to the session. It applies to cookie
 * requests: a request that is signed in by its session cookie and changes state must
 * carry the token from GET /api/auth/csrf (or the login answer) in X-CSRF-Token.
 */
export function createCsrf(env: Env) {
  const { generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => env.SESSION_SECRET,
    getSessionIdentifier: (req) => req.session?.id ?? '',
    cookieName: env.COOKIE_SECURE ? '__Host-logy.csrf' : 'logy.csrf',
    cookieOptions: { sameSite: 'lax', secure: env.COOKIE_SECURE, httpOnly: true, path: '/' },
    getCsrfTokenFromRequest: (req) => req.headers[CSRF_HEADER],
  });

  const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
  function protect(req: Request, _res: Response, next: NextFunction): void {
    if (SAFE.has(req.method) || !req.isAuthenticated?.()) return next();
    if (validateRequest(req)) return next();
    next(new DomainError(ErrorCode.CSRF_INVALID));
  }

  return { generateCsrfToken, protect };
}

export type Csrf = ReturnType<typeof createCsrf>;
