/** Two scores closer than this are equal. */
export const SCORE_EPSILON = 1e-9;

/** Rounds to 4 decimals, half away from zero on the binary value (never returns -0). */
export function round4(value: number): number {
  const rounded = Math.sign(value) * (Math.round(Math.abs(value) * 10_000) / 10_000);
  return rounded === 0 ? 0 : rounded;
}

/** `value` limited to min…max. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The values sorted ascending (a copy), after checking there is at least one and each is a finite number. */
function sortedValues(values: readonly number[], name: string): number[] {
  if (values.length === 0) throw new RangeError(`${name}: no values`);
  for (const value of values) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`${name}: not a finite number: ${String(value)}`);
    }
  }
  return [...values].sort((a, b) => a - b);
}

/** The mean of values already sorted ascending: summed smallest first, so the order of the input never matters. */
function meanOfSorted(sorted: readonly number[]): number {
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (min === max) return min;
  let sum = 0;
  for (const value of sorted) sum += value;
  // mathematically between min and max; the clamp only removes floating-point overshoot
  return clamp(sum / sorted.length, min, max);
}

/**
 * The arithmetic mean: the sum of the values divided by their count. Not rounded. Throws a RangeError for no values
 * (or a value that is not a finite number).
 */
export function mean(values: readonly number[]): number {
  return meanOfSorted(sortedValues(values, 'mean'));
}

/**
 * The median: the middle value after sorting; for an even count, the mean of the two middle values. Not rounded.
 * Throws a RangeError for no values.
 */
export function median(values: readonly number[]): number {
  const sorted = sortedValues(values, 'median');
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle];
  const low = sorted[middle - 1];
  const high = sorted[middle];
  return clamp(low / 2 + high / 2, low, high);
}

/**
 * The trimmed mean: the mean of the values after dropping exactly one highest and one lowest value (one of each even
 * when several values share the extreme). Only from 5 values on; for fewer values it returns null (the caller decides
 * what to use instead). Not rounded.
 */
export function trimmedMean(values: readonly number[]): number | null {
  if (values.length < 5) return null;
  return meanOfSorted(sortedValues(values, 'trimmedMean').slice(1, -1));
}

/**
 * The population standard deviation: the square root of the mean squared distance from the mean (divided by the
 * count, not count − 1). 0 for a single value or equal values. Not rounded. Throws a RangeError for no values.
 */
export function standardDeviation(values: readonly number[]): number {
  const sorted = sortedValues(values, 'standardDeviation');
  const average = meanOfSorted(sorted);
  let squares = 0;
  for (const value of sorted) squares += (value - average) ** 2;
  return Math.sqrt(squares / sorted.length);
}

/** The range: the highest value minus the lowest. 0 for a single value. Throws a RangeError for no values. */
export function range(values: readonly number[]): number {
  const sorted = sortedValues(values, 'range');
  return sorted[sorted.length - 1] - sorted[0];
}

/** Compares strings by UTF-16 code units (the same on every machine and locale, unlike localeCompare). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
