import type { NextFunction, Request, Response } from 'express';
import { DomainError, ErrorCode } from '@portal/core';

/** Far deeper than any DTO nests (a round's criteria: body → criteria → item → field). */
export const MAX_BODY_DEPTH = 32;

/** NUL (PostgreSQL stores none in text or jsonb) or a lone surrogate (no Unicode text; validator's isEmail throws on it). */
const unstorableText = (text: string): boolean => text.includes('\u0000') || /\p{Cs}/u.test(text);

/**
 * Whether a parsed body or query holds what no route can take: nesting deeper than
 * MAX_BODY_DEPTH (class-transformer recurses once per level and overflows the stack: a 500),
 * or a string or key with U+0000 or a lone surrogate (a 500 when validated, saved or searched
 * for). Walks the value without recursion.
 */
export function unstorableInput(input: unknown): boolean {
  const stack: Array<[unknown, number]> = [[input, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [value, depth] = item;
    if (typeof value === 'string') {
      if (unstorableText(value)) return true;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return true;
    for (const [key, child] of Object.entries(value)) {
      if (unstorableText(key)) return true;
      stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Refuses such a body or query string as malformed (400) before anything else reads it. */
export function refuseUnstorableInput(req: Request, _res: Response, next: NextFunction): void {
  next(
    unstorableInput(req.body) || unstorableInput(req.query) ? new DomainError(ErrorCode.MALFORMED_REQUEST) : undefined,
  );
}
