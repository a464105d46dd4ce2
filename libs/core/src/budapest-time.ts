import { DateTime } from 'luxon';

/** The portal's time zone: deadlines are entered and shown in it, and stored in UTC. */
export const BUDAPEST_ZONE = 'Europe/Budapest';

/** An ISO 8601 date and time with an explicit offset or `Z`: "2026-03-31T23:59:00+02:00". */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** A Budapest wall time without offset: "2026-03-31T23:59" or "2026-03-31T23:59:00". */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export type InstantInput =
  { ok: true; instant: Date; local: boolean } | { ok: false; problem: 'format' | 'nonexistent' };

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

/**
 * The instant a Budapest wall time names.
 *
 * - A time that does not exist in Budapest (the spring-forward gap, e.g. 2026-03-29 02:30,
 *   when clocks jump from 02:00 to 03:00) gives null: the caller refuses it.
 * - A time that exists twice (the autumn fall-back, e.g. 2026-10-25 02:30, first in summer
 *   time +02:00 and an hour later in winter time +01:00) gives the **earlier** instant.
 */
export function budapestWallTimeToInstant(wall: WallTime): Date | null {
  const asUtc = DateTime.fromObject({ ...wall, second: wall.second ?? 0 }, { zone: 'utc' });
  if (!asUtc.isValid) return null;
  // the offsets Budapest uses around that day; an instant fits when Budapest shows the same wall time at it
  const offsets = new Set(
    [-1, 0, 1].map((days) => DateTime.fromMillis(asUtc.toMillis() + days * 86_400_000, { zone: BUDAPEST_ZONE }).offset),
  );
  const fits = [...offsets]
    .map((offset) => asUtc.toMillis() - offset * 60_000)
    .filter((ms) => {
      const shown = DateTime.fromMillis(ms, { zone: BUDAPEST_ZONE });
      return shown.toFormat("yyyy-MM-dd'T'HH:mm:ss") === asUtc.toFormat("yyyy-MM-dd'T'HH:mm:ss");
    })
    .sort((a, b) => a - b);
  return fits.length ? new Date(fits[0]) : null;
}

/**
 * Reads an instant as the api accepts it: ISO 8601 with an explicit offset or `Z`
 * ("2026-03-31T23:59:00+02:00", "2026-03-31T21:59:00Z"), or a Budapest wall time without
 * offset ("2026-03-31T23:59"), read as {@link budapestWallTimeToInstant} does (a time in the
 * spring-forward gap is refused, an ambiguous autumn time is the earlier instant).
 */
export function parseBudapestInstant(input: unknown): InstantInput {
  if (typeof input !== 'string') return { ok: false, problem: 'format' };
  const value = input.trim();
  if (WITH_OFFSET.test(value)) {
    const parsed = DateTime.fromISO(value, { setZone: true });
    return parsed.isValid ? { ok: true, instant: parsed.toJSDate(), local: false } : { ok: false, problem: 'format' };
  }
  const local = LOCAL.exec(value);
  if (!local) return { ok: false, problem: 'format' };
  const [year, month, day, hour, minute, second] = local.slice(1).map((part) => Number(part ?? 0));
  if (!DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: 'utc' }).isValid) {
    return { ok: false, problem: 'format' };
  }
  const instant = budapestWallTimeToInstant({ year, month, day, hour, minute, second });
  return instant ? { ok: true, instant, local: true } : { ok: false, problem: 'nonexistent' };
}

/** The instant in Budapest time with its offset, to the second: "2026-03-31T23:59:00+02:00". */
export function toBudapestIso(instant: Date): string;
export function toBudapestIso(instant: Date | null): string | null;
export function toBudapestIso(instant: Date | null): string | null {
  if (!instant) return null;
  const ms = instant.getTime();
  const offset = budapestOffsetMinutes(ms);
  const wall = new Date(ms + offset * 60_000);
  const year = wall.getUTCFullYear();
  // luxon writes years outside 0000–9999 its own way
  if (year < 1000 || year > 9999)
    return DateTime.fromJSDate(instant, { zone: BUDAPEST_ZONE }).toISO({ suppressMilliseconds: true });
  const millis = wall.getUTCMilliseconds();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${year}-${pad2(wall.getUTCMonth() + 1)}-${pad2(wall.getUTCDate())}` +
    `T${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}:${pad2(wall.getUTCSeconds())}` +
    (millis ? `.${String(millis).padStart(3, '0')}` : '') +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  );
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

const HOUR_MS = 3_600_000;
/** Budapest's UTC offset (minutes) by UTC hour: its clocks change on the hour, so one lookup per hour is exact. */
const offsets = new Map<number, number>();

/**
 * Budapest's UTC offset at an instant, in minutes, from luxon's zone data, remembered per UTC
 * hour (luxon asks Intl for it: tens of microseconds a call, a visible share of a list's answer).
 */
function budapestOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    if (offsets.size >= 50_000) offsets.clear();
    offset = DateTime.fromMillis(hour * HOUR_MS, { zone: BUDAPEST_ZONE }).offset;
    offsets.set(hour, offset);
  }
  return offset;
}

/** The calendar day of the instant in Budapest: "2026-03-31". */
export function budapestDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: BUDAPEST_ZONE }).toISODate() ?? '';
}
