// Links to the api (downloads the browser fetches itself, e.g. CSV exports and attachments)
// built from the generated client's types, so that a renamed route or parameter breaks the
// type check instead of the link.
import { client } from './generated/client.gen';

/** An operation's data type of the generated client (`…Data` in types.gen.ts). */
interface OperationData {
  url: string;
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

/** The path and query parameters of an operation. */
type Params<TData> = Pick<TData, Extract<keyof TData, 'path' | 'query'>>;

/**
 * The URL of an operation, for an `<a href>`:
 * `apiUrl<AssignmentsControllerDownloadData>('/api/assignments/{id}/attachments/{attachmentId}', { path: { id, attachmentId } })`.
 * The url must be the operation's own (a literal type in the generated data); its parameters
 * are typed by it, and required when the operation requires them.
 */
export function apiUrl<TData extends OperationData>(
  url: TData['url'],
  ...[params]: object extends Params<TData> ? [params?: Params<TData>] : [params: Params<TData>]
): string {
  return client.buildUrl({ ...(params ?? {}), url } as TData);
}

/** `url` with `?lang=` added (every route takes it; a link cannot send Accept-Language). */
export function withLang(url: string, lang: 'hu' | 'en'): string {
  return `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`;
}
