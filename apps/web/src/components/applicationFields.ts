import { formatDate, formatHuf, type Lang } from '../i18n/format';

/** The application form's standard fields in the order the form asks them (the title aside). */
export const FORM_FIELD_ORDER = [
  'summary',
  'problem',
  'practice',
  'results',
  'costHuf',
  'funding',
  'partners',
  'partnerOrganisations',
  'communityParticipation',
  'sustainability',
  'adoption',
  'startDate',
] as const;

/**
 * A submitted field's value as a reader sees it: the cost in forints and the start date in the
 * chosen language, lists and nested values joined, nothing for an empty field.
 */
export function fieldValueText(key: string, value: unknown, lang: Lang): string {
  if (value == null || value === '') return '';
  if (key === 'costHuf' && typeof value === 'number') return formatHuf(value, lang);
  if (key === 'startDate' && typeof value === 'string') return formatDate(value, lang);
  if (Array.isArray(value)) return value.map((item) => fieldValueText('', item, lang)).join(', ');
  if (typeof value === 'object') {
    return Object.values(value as Record<string, unknown>)
      .map((item) => fieldValueText('', item, lang))
      .filter(Boolean)
      .join(', ');
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
