import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { DomainError, ErrorCode, isLang, LANGS, negotiateLang, runWithContext } from '@portal/core';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (X-Request-Id kept when sane) and a language, for logs, audit
 * and errors. `?lang=` is allowed on every route; a language other than hu or en is refused.
 */
export function requestContext(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  (req as Request & { id: string }).id = requestId;
  res.setHeader('X-Request-Id', requestId);
  const lang = negotiateLang(req.query?.lang, req.headers['accept-language']);
  res.setHeader('Content-Language', lang);
  const asked = req.query?.lang;
  if (asked !== undefined && !(typeof asked === 'string' && isLang(asked.toLowerCase()))) {
    const problem = { key: 'validation.isIn', args: { constraints: [LANGS.join(', ')] } };
    runWithContext({ requestId, lang, ip: req.ip }, () =>
      next(new DomainError(ErrorCode.VALIDATION_FAILED, {}, { lang: problem })),
    );
    return;
  }
  runWithContext({ requestId, lang, ip: req.ip }, () => next());
}
