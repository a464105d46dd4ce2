import { foldText } from '@portal/core';

/** A KSH settlement code: exactly five digits, leading zeros significant ("04880"). */
export const KSH_CODE_PATTERN = /^[0-9]{5}$/;

export function isKshCode(value: unknown): value is string {
  return typeof value === 'string' && KSH_CODE_PATTERN.test(value);
}

/** Escapes the LIKE wildcards `%` and `_` and the escape character `\` itself, so user text matches literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, '\\$&');
}

/** The LIKE patterns of a search text: folded like `name_folded`; null when nothing is left to search for. */
export function namePatterns(q: string | undefined): { exact: string; prefix: string; contains: string } | null {
  const folded = q ? foldText(q) : '';
  if (!folded) return null;
  const escaped = escapeLike(folded);
  return { exact: folded, prefix: `${escaped}%`, contains: `%${escaped}%` };
}
