import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { negotiateLang, runWithContext } from '@portal/core';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Gives every request an id (X-Request-Id kept when sane) and a language, for logs, audit and errors. */
export function requestContext(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
  (req as Request & { id: string }).id = requestId;
  res.setHeader('X-Request-Id', requestId);
  const lang = negotiateLang(req.query?.lang, req.headers['accept-language']);
  res.setHeader('Content-Language', lang);
  runWithContext({ requestId, lang, ip: req.ip }, () => next());
}
