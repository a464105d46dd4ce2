/**
 * Every e-mail the portal sends, with the parameters its text uses. The texts live in
 * libs/core/src/i18n/<lang>/mail.json under the template's name (subject, body).
 *
 * Parameter conventions the renderer honours:
 * - names ending in `Url` become links in the HTML body;
 * - names ending in `At` holding an ISO 8601 instant are shown in Europe/Budapest time, in
 *   the recipient's language (other strings are shown as given);
 * - `role` holding a role code (`juror`, `coordinator`, …) is shown translated.
 */
export const MAIL_TEMPLATES = {
  'registration-received': ['name', 'municipality'],
  'membership-approved': ['name', 'municipality', 'loginUrl'],
  'membership-rejected': ['name', 'municipality', 'reason'],
  invitation: ['name', 'role', 'organisation', 'inviter', 'acceptUrl', 'expiresAt'],
  'password-reset': ['name', 'resetUrl', 'expiresMinutes'],
  'password-changed': ['name'],
  'account-deactivated': ['name'],
  'application-submitted': [
    'name',
    'municipality',
    'call',
    'theme',
    'title',
    'submittedBy',
    'number',
    'received',
    'sha256',
    'receiptUrl',
  ],
  'application-reopened': ['name', 'municipality', 'call', 'theme', 'title', 'reason', 'deadline'],
  'application-ineligible': ['name', 'municipality', 'call', 'theme', 'title', 'reason'],
  'jury-reminder': ['name', 'call', 'round', 'unfinished', 'closesAt', 'scoringUrl'],
  'results-outcome': ['name', 'municipality', 'call', 'theme', 'title', 'outcome', 'feedback', 'resultsUrl'],
  'jury-progress': [
    'name',
    'call',
    'round',
    'assignments',
    'submitted',
    'percent',
    'jurorsBehind',
    'closesAt',
    'progressUrl',
  ],
} as const satisfies Record<string, readonly string[]>;

export type MailTemplate = keyof typeof MAIL_TEMPLATES;

/** Parameters that carry a secret (a token in a link): removed from the ledger once the mail is sent. */
export const SECRET_PARAMS: readonly string[] = ['resetUrl', 'acceptUrl'];

export const MAIL_TEMPLATE_NAMES = Object.keys(MAIL_TEMPLATES) as MailTemplate[];

/** The parameters of one template, for callers that want them checked by the compiler. */
export type MailParams<T extends MailTemplate> = Record<(typeof MAIL_TEMPLATES)[T][number], string | number>;

export type MailParamValue = string | number;

export function isMailTemplate(value: string): value is MailTemplate {
  return Object.prototype.hasOwnProperty.call(MAIL_TEMPLATES, value);
}

/** A mail that can never be rendered or delivered: retrying cannot help. */
export class PermanentMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentMailError';
  }
}

/** Checks a template name and its parameters; throws PermanentMailError naming what is wrong. */
export function checkMailParams(template: string, params: Record<string, unknown>): asserts template is MailTemplate {
  if (!isMailTemplate(template)) throw new PermanentMailError(`Unknown mail template "${template}"`);
  const problems: string[] = [];
  for (const name of MAIL_TEMPLATES[template]) {
    const value = params[name];
    if (value === undefined || value === null) problems.push(`${name} is missing`);
    else if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
      problems.push(`${name} must be a string or a finite number`);
    }
  }
  if (problems.length > 0) {
    throw new PermanentMailError(`Mail template "${template}": ${problems.join(', ')}`);
  }
}
