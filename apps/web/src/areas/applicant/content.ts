// The application form as flat text values by path ('title', 'contact.email', 'answers.<id>',
// 'partnerOrganisations' as comma-separated organisation codes),
// and the patch (changed fields; '' clears) the api's PATCH takes.
import type { ApplicationContentDto, CallQuestionResponse } from '../../api/generated/types.gen';

export type Flat = Record<string, string>;

export const TEXT_FIELDS = [
  'title',
  'summary',
  'problem',
  'practice',
  'results',
  'costHuf',
  'funding',
  'partners',
  'communityParticipation',
  'sustainability',
  'adoption',
  'startDate',
] as const;
export const CONTACT_FIELDS = ['name', 'position', 'email', 'phone'] as const;

/** The server's content as text values. */
export function flatten(content: object): Flat {
  const flat: Flat = {};
  for (const [key, value] of Object.entries(content)) {
    if (value === null || value === undefined) continue;
    if ((key === 'contact' || key === 'answers') && typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) {
        if (typeof innerValue === 'string' || typeof innerValue === 'number')
          flat[`${key}.${inner}`] = String(innerValue);
      }
    } else if (key === 'partnerOrganisations' && Array.isArray(value)) {
      if (value.length) flat[key] = value.join(',');
    } else if (typeof value === 'string' || typeof value === 'number') flat[key] = String(value);
  }
  return flat;
}

/** The paths whose value differs between two forms. */
export function changedPaths(a: Flat, b: Flat): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((key) => (a[key] ?? '') !== (b[key] ?? ''));
}

/** The PATCH content for the fields of `draft` that differ from `base` (null clears); invalid numbers are left out. */
export function toPatch(draft: Flat, base: Flat, questions: CallQuestionResponse[]): ApplicationContentDto | undefined {
  const patch: Record<string, unknown> = {};
  const contact: Record<string, string | null> = {};
  const answers: Record<string, string | number | null> = {};
  for (const path of changedPaths(draft, base)) {
    const raw = draft[path] ?? '';
    const empty = raw.trim() === '';
    if (path.startsWith('contact.')) contact[path.slice(8)] = empty ? null : raw;
    else if (path.startsWith('answers.')) {
      const id = path.slice(8);
      const kind = questions.find((question) => question.id === id)?.kind;
      if (empty) answers[id] = null;
      else if (kind === 'number') {
        const value = Number(raw.replace(',', '.'));
        if (Number.isFinite(value)) answers[id] = value;
      } else answers[id] = raw;
    } else if (path === 'partnerOrganisations') {
      patch.partnerOrganisations = raw.split(',').filter(Boolean);
    } else if (path === 'costHuf') {
      const value = Number(raw.replace(/\s/g, ''));
      if (empty) patch.costHuf = null;
      else if (Number.isSafeInteger(value) && value >= 0) patch.costHuf = value;
    } else patch[path] = empty ? null : raw;
  }
  if (Object.keys(contact).length) patch.contact = contact;
  if (Object.keys(answers).length) patch.answers = answers;
  return Object.keys(patch).length ? patch : undefined;
}

/** The form field's element id for a path ('contact.email' → 'f-contact-email'). */
export function fieldId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}
