/**
 * The portal's pages that e-mails link to: the one definition on the server side of where a
 * link lands. apps/web routes these paths (apps/web/src/main.tsx and the areas' routes.tsx);
 * test/browser/accounts.e2e-spec.ts ("mail links") opens every one of them in the browser and fails when
 * the web shows its "page not found" for one. A mail builds its link with
 * `webUrl(env.PUBLIC_URL, WEB_PATHS.…)`, never with a path of its own.
 */
export const WEB_PATHS = {
  /** The sign-in page; `next`, a path of the portal, is where it goes after signing in. */
  signIn: (next?: string): string => (next ? `/belepes?next=${encodeURIComponent(next)}` : '/belepes'),
  /** Accepting an invitation (jurors, coordinators): shows it, sets the name and password. */
  acceptInvitation: (token: string): string => `/meghivo?token=${encodeURIComponent(token)}`,
  /** Choosing a new password with the token of a password-reset mail. */
  resetPassword: (token: string): string => `/uj-jelszo?token=${encodeURIComponent(token)}`,
  /** The municipal staff's applications. */
  myApplications: (): string => '/palyazataim',
  /** The public winner list of a call's year. */
  results: (year: number): string => `/eredmenyek/${year}`,
  /** The juror's assignments with their scorecards. */
  jurorScoring: (): string => '/zsuri/ertekeles',
  /** A call's scoring rounds with their progress, for coordinators. */
  roundProgress: (callId: string): string => `/koordinator/felhivasok/${encodeURIComponent(callId)}/fordulok`,
  /** A submission's receipt PDF: a download the api serves (not a page of the web). */
  receipt: (applicationId: string, submissionNumber: number): string =>
    `/api/applications/${encodeURIComponent(applicationId)}/submissions/${submissionNumber}/receipt`,
} as const;

export type WebPath = keyof typeof WEB_PATHS;

/** The absolute URL of a portal path under the public base URL (PUBLIC_URL, with or without a trailing slash). */
export function webUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}
