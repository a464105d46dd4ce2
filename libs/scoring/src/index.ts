/**
 * How scores are computed: pure functions, no database. A juror's scorecard becomes a total (0–100), an application's
 * totals become a score by the round's method, and the applications of each theme are ranked by a fixed tie-break chain.
 */
export { SCORING_METHODS } from './types';
export type { Criterion, Scorecard, ScoringMethod } from './types';
export { SCORE_EPSILON, mean, median, range, round4, standardDeviation, trimmedMean } from './statistics';
export { jurorTotal } from './juror-total';
export { DEFAULT_NORMALISATION_MINIMUM, normalise } from './normalise';
export type { NormalisationRefusal, NormalisationResult } from './normalise';
export { DEFAULT_DISAGREEMENT_THRESHOLD, rank, rankTotals } from './rank';
export type { RankedRow, RankingInput, RankingResult, TotalsRankingInput } from './rank';
export { sensitivity } from './sensitivity';
export type { MethodWinners } from './sensitivity';
