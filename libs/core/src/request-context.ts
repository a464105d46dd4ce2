import { AsyncLocalStorage } from 'node:async_hooks';

export type Lang = 'hu' | 'en';
export const LANGS: readonly Lang[] = ['hu', 'en'];
export const DEFAULT_LANG: Lang = 'hu';

export interface RequestContext {
  requestId: string;
  lang: Lang;
  ip?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` with a request context (set by the api per request, by the worker per job). */
export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The language of the request (or job) being served; the default outside one. */
export function currentLang(): Lang {
  return currentContext()?.lang ?? DEFAULT_LANG;
}

export function isLang(value: unknown): value is Lang {
  return value === 'hu' || value === 'en';
}

/** Picks hu or en from `?lang=` or an Accept-Language header (q-values honoured). */
export function negotiateLang(query: unknown, acceptLanguage: string | undefined): Lang {
  if (typeof query === 'string' && isLang(query.toLowerCase())) return query.toLowerCase() as Lang;
  if (!acceptLanguage) return DEFAULT_LANG;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split('-')[0], weight: Number.isNaN(weight) ? 0 : weight, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  const hit = ranked.find((entry) => isLang(entry.base));
  return hit ? (hit.base as Lang) : DEFAULT_LANG;
}
