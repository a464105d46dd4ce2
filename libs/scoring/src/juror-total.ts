import { clamp, compareIds, round4 } from './statistics';
import type { Criterion } from './types';

/** Checks the criteria (unique ids, weight ≥ 0, maxPoints > 0) and returns them sorted by id. */
export function checkedCriteria(criteria: readonly Criterion[]): Criterion[] {
  const seen = new Set<string>();
  for (const criterion of criteria) {
    if (typeof criterion.id !== 'string' || criterion.id === '') throw new TypeError('criterion: id must be a string');
    if (seen.has(criterion.id)) throw new RangeError(`criterion ${criterion.id}: listed twice`);
    seen.add(criterion.id);
    if (!Number.isFinite(criterion.weight) || criterion.weight < 0) {
      throw new RangeError(`criterion ${criterion.id}: weight must be a finite number ≥ 0`);
    }
    if (!Number.isFinite(criterion.maxPoints) || criterion.maxPoints <= 0) {
      throw new RangeError(`criterion ${criterion.id}: maxPoints must be a finite number > 0`);
    }
    if (criterion.tieBreakOrder !== null && !Number.isFinite(criterion.tieBreakOrder)) {
      throw new RangeError(`criterion ${criterion.id}: tieBreakOrder must be a finite number or null`);
    }
  }
  return [...criteria].sort((a, b) => compareIds(a.id, b.id));
}

/**
 * The points a scorecard gives a criterion: a number, or null when the juror abstained. A criterion missing from
 * `points` counts as an abstention. Throws when the points are not a finite number within 0…maxPoints.
 */
export function pointsFor(points: Record<string, number | null>, criterion: Criterion): number | null {
  const value: unknown = Object.hasOwn(points, criterion.id) ? points[criterion.id] : null;
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > criterion.maxPoints) {
    throw new RangeError(
      `criterion ${criterion.id}: points must be within 0…${criterion.maxPoints}, got ${JSON.stringify(value) ?? typeof value}`,
    );
  }
  return value;
}

/**
 * A juror's total for one application, 0–100: Σ weight × points ÷ Σ weight × maxPoints × 100, both sums over the
 * criteria the juror scored. An abstained criterion (null, or missing from `points`) leaves both the sum and the
 * maximum, so abstaining neither lowers nor raises the total. Keys of `points` that are not criteria are ignored.
 * null when the juror abstained on every criterion (or scored only criteria of weight 0). Rounded to 4 decimals.
 * Throws when points lie outside 0…maxPoints or a criterion is invalid.
 *
 * Example: impact (weight 2, max 10) 8 points, cost (weight 1, max 5) 4 points → (16 + 4) ÷ (20 + 5) = 80;
 * with cost abstained → 16 ÷ 20 = 80.
 */
export function jurorTotal(points: Record<string, number | null>, criteria: readonly Criterion[]): number | null {
  let sum = 0;
  let maximum = 0;
  for (const criterion of checkedCriteria(criteria)) {
    const given = pointsFor(points, criterion);
    if (given === null) continue;
    sum += criterion.weight * given;
    maximum += criterion.weight * criterion.maxPoints;
  }
  if (maximum <= 0) return null;
  return round4(clamp((sum / maximum) * 100, 0, 100));
}
