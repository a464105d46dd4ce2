/**
 * The scoring methods a round can use. Each turns the jurors' totals of one application into its score (0–100):
 * - `mean`: the arithmetic mean of the totals;
 * - `median`: the middle total (the mean of the two middle ones for an even count);
 * - `trimmed_mean`: the mean after dropping one highest and one lowest total, from 5 totals on (fewer: the mean);
 * - `normalised`: the mean of the totals after per-juror normalisation (see `normalise`), when every juror scored
 *   enough applications (otherwise the whole ranking uses `mean`).
 */
export const SCORING_METHODS = ['mean', 'median', 'trimmed_mean', 'normalised'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];

/**
 * A scoring criterion: a juror gives 0…`maxPoints` points (fractions allowed), which count `weight` times in the
 * juror's total. Criteria with a `tieBreakOrder` break equal scores, the lowest order first.
 */
export interface Criterion {
  id: string;
  weight: number;
  maxPoints: number;
  tieBreakOrder: number | null;
}

/** One juror's scorecard for one application (only counted ones are passed in). points: criterionId → points, or null = abstained. */
export interface Scorecard {
  jurorId: string;
  applicationId: string;
  points: Record<string, number | null>;
}
