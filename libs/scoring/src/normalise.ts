import { clamp, compareIds, mean, round4, SCORE_EPSILON, standardDeviation } from './statistics';

/** Normalisation needs every juror to have scored at least this many applications unless told otherwise. */
export const DEFAULT_NORMALISATION_MINIMUM = 8;

export interface NormalisationResult {
  ok: true;
  totals: Array<{ jurorId: string; applicationId: string; total: number; normalised: number }>;
}
export interface NormalisationRefusal {
  ok: false;
  reason: 'too_few_per_juror';
  minimum: number;
  jurors: Array<{ jurorId: string; scored: number }>;
}

/**
 * Per-juror normalisation, which evens out lenient and strict jurors. Each juror's totals become z-scores against
 * that juror's own mean and population SD (z = (total − juror mean) ÷ juror SD), then are mapped back to the panel's
 * scale: panel mean + z × panel SD, where the panel is all totals of all jurors; the result is clamped to 0–100 and
 * rounded to 4 decimals. A juror whose totals are all equal (SD 0) gets z = 0 for each, i.e. the panel mean.
 *
 * Allowed only when every juror has at least `minimum` (default 8) totals, since a mean and SD over fewer says little
 * about a juror's habits; otherwise a refusal naming the jurors below it (sorted by juror id) with their counts.
 * The totals come back in the input's order. Throws when a juror has two totals for the same application or a total
 * is not a finite number.
 */
export function normalise(
  totals: ReadonlyArray<{ jurorId: string; applicationId: string; total: number }>,
  minimum: number = DEFAULT_NORMALISATION_MINIMUM,
): NormalisationResult | NormalisationRefusal {
  if (!Number.isFinite(minimum) || minimum < 0) throw new RangeError('normalise: minimum must be a finite number ≥ 0');
  const byJuror = new Map<string, { applications: Set<string>; totals: number[] }>();
  for (const row of totals) {
    if (!Number.isFinite(row.total)) throw new RangeError(`normalise: total is not a finite number: ${row.total}`);
    const juror = byJuror.get(row.jurorId) ?? { applications: new Set<string>(), totals: [] };
    if (juror.applications.has(row.applicationId)) {
      throw new RangeError(`normalise: juror ${row.jurorId} has two totals for application ${row.applicationId}`);
    }
    juror.applications.add(row.applicationId);
    juror.totals.push(row.total);
    byJuror.set(row.jurorId, juror);
  }

  const below = [...byJuror]
    .filter(([, juror]) => juror.totals.length < minimum)
    .map(([jurorId, juror]) => ({ jurorId, scored: juror.totals.length }))
    .sort((a, b) => compareIds(a.jurorId, b.jurorId));
  if (below.length > 0) return { ok: false, reason: 'too_few_per_juror', minimum, jurors: below };
  if (totals.length === 0) return { ok: true, totals: [] };

  const all = totals.map((row) => row.total);
  const panelMean = mean(all);
  const panelSd = standardDeviation(all);
  const jurorStats = new Map<string, { mean: number; sd: number }>();
  for (const [jurorId, juror] of byJuror) {
    jurorStats.set(jurorId, { mean: mean(juror.totals), sd: standardDeviation(juror.totals) });
  }

  return {
    ok: true,
    totals: totals.map((row) => {
      const stats = jurorStats.get(row.jurorId) ?? { mean: row.total, sd: 0 };
      const z = stats.sd > SCORE_EPSILON ? (row.total - stats.mean) / stats.sd : 0;
      return {
        jurorId: row.jurorId,
        applicationId: row.applicationId,
        total: row.total,
        normalised: round4(clamp(panelMean + z * panelSd, 0, 100)),
      };
    }),
  };
}
