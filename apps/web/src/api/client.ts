// The web portal's only way to the api: the generated client (./generated), configured here
// for the same origin, the chosen language and the session's CSRF token.
import type { Lang } from '../i18n/format';
import { MESSAGES } from '../i18n/messages';
import { client } from './generated/client.gen';
import { authControllerCsrfToken } from './generated/sdk.gen';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

let language: Lang = 'hu';
let signedIn = false;
let csrfToken: string | undefined;

/** The language the api answers in (its messages, and the language of public texts). */
export function setApiLanguage(lang: Lang): void {
  language = lang;
}

/**
 * Whether a session is signed in, with its CSRF token when known (the login answer gives it;
 * otherwise GET /api/auth/csrf is asked once, before the first state-changing request).
 * The api checks the token only on signed-in sessions, so a signed-out request goes without.
 */
export function setSession(isSignedIn: boolean, token?: string): void {
  if (isSignedIn !== signedIn || token) csrfToken = token;
  signedIn = isSignedIn;
}

async function currentCsrfToken(): Promise<string> {
  if (!csrfToken) csrfToken = (await unwrap(authControllerCsrfToken())).csrfToken;
  return csrfToken;
}

client.setConfig({ credentials: 'same-origin' });
client.interceptors.request.use(async (request) => {
  request.headers.set('Accept-Language', language);
  if (signedIn && !SAFE_METHODS.has(request.method)) {
    request.headers.set('X-CSRF-Token', await currentCsrfToken());
  }
  return request;
});

/** The api's error body: `{ error: { code, message, fields?, requestId } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string> };
}

type Result<T> = ({ data: T; error: undefined } | { data: undefined; error: unknown }) & { response?: Response };

/** The data of a generated call's answer, or an ApiError with the api's code, message and fields. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<Exclude<T, undefined>> {
  const result = await call;
  if (result.error === undefined && result.response?.ok) return result.data as Exclude<T, undefined>;
  const body = (result.error ?? {}) as ErrorBody;
  throw new ApiError(
    result.response?.status ?? 0,
    body.error?.code ?? 'NETWORK_ERROR',
    // no answer of the api (offline, a proxy's page): the portal's own text in the chosen language
    body.error?.message ?? MESSAGES[language].networkError,
    body.error?.fields ?? {},
  );
}
