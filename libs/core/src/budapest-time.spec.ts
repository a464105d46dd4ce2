import fc from 'fast-check';
import { DateTime } from 'luxon';
import { budapestDate, budapestWallTimeToInstant, parseBudapestInstant, toBudapestIso } from './budapest-time';

const instantOf = (input: string): string => {
  const parsed = parseBudapestInstant(input);
  if (!parsed.ok) throw new Error(`${input}: ${parsed.problem}`);
  return parsed.instant.toISOString();
};

describe('Budapest time', () => {
  describe('parseBudapestInstant', () => {
    it('takes an explicit offset or Z as given', () => {
      expect(instantOf('2026-03-31T23:59:00+02:00')).toBe('2026-03-31T21:59:00.000Z');
      expect(instantOf('2026-03-31T21:59:00Z')).toBe('2026-03-31T21:59:00.000Z');
      expect(instantOf('2026-03-31T21:59Z')).toBe('2026-03-31T21:59:00.000Z');
      expect(instantOf('2026-01-15T12:00:00.250-05:00')).toBe('2026-01-15T17:00:00.250Z');
      // an explicit offset is taken even where Budapest has none like it
      expect(instantOf('2026-03-29T02:30:00+01:00')).toBe('2026-03-29T01:30:00.000Z');
      expect(parseBudapestInstant('2026-03-31T23:59:00+02:00')).toMatchObject({ ok: true, local: false });
    });

    it('reads a wall time without offset in Budapest: winter +01:00, summer +02:00', () => {
      expect(instantOf('2026-01-15T10:00')).toBe('2026-01-15T09:00:00.000Z');
      expect(instantOf('2026-07-01T10:00:30')).toBe('2026-07-01T08:00:30.000Z');
      expect(parseBudapestInstant('2026-07-01T10:00')).toMatchObject({ ok: true, local: true });
    });

    it('spring forward, 2026-03-29: 02:00–02:59 does not exist; just before and after do', () => {
      expect(instantOf('2026-03-29T01:59')).toBe('2026-03-29T00:59:00.000Z');
      expect(parseBudapestInstant('2026-03-29T02:00')).toEqual({ ok: false, problem: 'nonexistent' });
      expect(parseBudapestInstant('2026-03-29T02:30')).toEqual({ ok: false, problem: 'nonexistent' });
      expect(parseBudapestInstant('2026-03-29T02:59:59')).toEqual({ ok: false, problem: 'nonexistent' });
      expect(instantOf('2026-03-29T03:00')).toBe('2026-03-29T01:00:00.000Z');
      expect(instantOf('2026-03-29T03:30')).toBe('2026-03-29T01:30:00.000Z');
    });

    it('fall back, 2026-10-25: 02:00–02:59 happens twice and means the earlier (summer time) instant', () => {
      expect(instantOf('2026-10-25T01:59')).toBe('2026-10-24T23:59:00.000Z');
      expect(instantOf('2026-10-25T02:00')).toBe('2026-10-25T00:00:00.000Z');
      expect(instantOf('2026-10-25T02:30')).toBe('2026-10-25T00:30:00.000Z');
      expect(instantOf('2026-10-25T03:00')).toBe('2026-10-25T02:00:00.000Z');
      expect(instantOf('2026-10-25T23:59')).toBe('2026-10-25T22:59:00.000Z');
    });

    it('refuses what is not a date and time', () => {
      for (const bad of [
        '',
        '2026-03-31',
        '2026-03-31 23:59',
        '2026-02-30T10:00',
        '2026-13-01T10:00',
        '2026-03-31T24:30',
        '2026-03-31T23:59:00+2',
        '31/03/2026 23:59',
        'tomorrow',
      ]) {
        expect(parseBudapestInstant(bad)).toEqual({ ok: false, problem: 'format' });
      }
      expect(parseBudapestInstant(12345)).toEqual({ ok: false, problem: 'format' });
      expect(parseBudapestInstant(null)).toEqual({ ok: false, problem: 'format' });
    });
  });

  describe('budapestWallTimeToInstant', () => {
    it('gives null in the gap and the earlier instant when ambiguous', () => {
      expect(budapestWallTimeToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 })).toBeNull();
      expect(budapestWallTimeToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 })?.toISOString()).toBe(
        '2026-10-25T00:30:00.000Z',
      );
    });
  });

  describe('toBudapestIso', () => {
    it('writes exactly what luxon writes, at any instant of 1900–2100 and around every clock change', () => {
      const luxon = (d: Date) =>
        DateTime.fromJSDate(d, { zone: 'Europe/Budapest' }).toISO({ suppressMilliseconds: true });
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
          expect(toBudapestIso(new Date(ms))).toBe(luxon(new Date(ms)));
        }),
        { numRuns: 20_000 },
      );
      // a second either side of every change of offset from 1970 to 2040 (days where it changes, then their hours)
      const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone: 'Europe/Budapest' }).offset;
      let changes = 0;
      for (let day = Date.UTC(1970, 0, 1); day < Date.UTC(2040, 0, 1); day += 86_400_000) {
        if (offsetAt(day) === offsetAt(day + 86_400_000)) continue;
        for (let ms = day + 3_600_000; ms <= day + 86_400_000; ms += 3_600_000) {
          if (offsetAt(ms - 1000) === offsetAt(ms)) continue;
          changes += 1;
          for (const at of [ms - 1000, ms - 1, ms, ms + 999])
            expect(toBudapestIso(new Date(at))).toBe(luxon(new Date(at)));
        }
      }
      expect(changes).toBeGreaterThan(100);
    });

    it('shows the instant with the offset Budapest had then, across both 2026 changes', () => {
      expect(toBudapestIso(new Date('2026-03-31T21:59:00Z'))).toBe('2026-03-31T23:59:00+02:00');
      expect(toBudapestIso(new Date('2026-03-29T00:59:00Z'))).toBe('2026-03-29T01:59:00+01:00');
      expect(toBudapestIso(new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29T03:00:00+02:00');
      expect(toBudapestIso(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25T02:30:00+02:00');
      expect(toBudapestIso(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30:00+01:00');
      expect(toBudapestIso(new Date('2026-10-25T22:59:00Z'))).toBe('2026-10-25T23:59:00+01:00');
      expect(toBudapestIso(null)).toBeNull();
    });

    it('round-trips with parseBudapestInstant', () => {
      for (const iso of ['2026-03-29T01:00:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z']) {
        expect(instantOf(toBudapestIso(new Date(iso)))).toBe(new Date(iso).toISOString());
      }
    });

    it('budapestDate gives the Budapest calendar day', () => {
      expect(budapestDate(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
      expect(budapestDate(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
      expect(budapestDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
    });
  });
});
