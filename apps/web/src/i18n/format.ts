// Dates, numbers and money in the chosen language; every instant is shown in Budapest time.
export type Lang = 'hu' | 'en';

export const TIME_ZONE = 'Europe/Budapest';
const LOCALES: Record<Lang, string> = { hu: 'hu-HU', en: 'en-GB' };

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let format = cache.get(key) as T | undefined;
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

function dateFormat(lang: Lang): Intl.DateTimeFormat {
  return cached(`date:${lang}`, () =>
    Intl.DateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric' }),
  );
}

function timeFormat(lang: Lang): Intl.DateTimeFormat {
  return cached(`time:${lang}`, () =>
    Intl.DateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  );
}

/** "2026. március 31." (hu), "31 March 2026" (en). */
export function formatDate(instant: string | Date, lang: Lang): string {
  return dateFormat(lang).format(new Date(instant));
}

/** "2026. március 31. 23:59" (hu), "31 March 2026, 23:59" (en), in Budapest time. */
export function formatDateTime(instant: string | Date, lang: Lang): string {
  const date = new Date(instant);
  const separator = lang === 'hu' ? ' ' : ', ';
  return `${dateFormat(lang).format(date)}${separator}${timeFormat(lang).format(date)}`;
}

/** "1 200 000" (hu), "1,200,000" (en). */
export function formatNumber(value: number, lang: Lang): string {
  return cached(`number:${lang}`, () => Intl.NumberFormat(LOCALES[lang])).format(value);
}

/** "1 200 000 Ft" (hu), "HUF 1,200,000" (en). */
export function formatHuf(value: number, lang: Lang): string {
  return cached(`huf:${lang}`, () =>
    Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'HUF', maximumFractionDigits: 0 }),
  ).format(value);
}

export interface Remaining {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Time left until `deadline` (zero once it has passed). */
export function remaining(deadline: string | Date, now: number): Remaining {
  const total = Math.max(0, Math.floor((new Date(deadline).getTime() - now) / 1000));
  return {
    days: Math.floor(total / 86400),
    hours: Math.floor((total % 86400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}
