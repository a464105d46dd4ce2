import { DateTime } from 'luxon';
import { BUDAPEST_ZONE, type Lang } from '@portal/core';

/**
 * An instant as people read it in Budapest, to the second:
 * hu "2026. március 31. 23:58:59", en "31 March 2026, 23:58:59 (Budapest time)".
 */
export function formatBudapestTime(instant: Date, lang: Lang): string {
  const local = DateTime.fromJSDate(instant, { zone: BUDAPEST_ZONE }).setLocale(lang);
  return lang === 'hu'
    ? local.toFormat('yyyy. MMMM d. HH:mm:ss')
    : `${local.toFormat('d MMMM yyyy, HH:mm:ss')} (Budapest time)`;
}
