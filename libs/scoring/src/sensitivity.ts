import { rank, type RankingInput, type RankingResult, rankTotals, type TotalsRankingInput } from './rank';
import { type ScoringMethod, SCORING_METHODS } from './types';

export interface MethodWinners {
  method: ScoringMethod;
  /** The method the ranking actually used ('mean' when normalisation was refused). */
  used: ScoringMethod;
  /** Per theme (every theme of the input, themeId ascending): the application ids ranked 1…topN, in rank order. */
  winners: Record<string, string[]>;
}

/** Per theme, the applications ranked 1…topN in rank order (an unresolved tie at the cut brings all of it in). */
function winnersOf(result: RankingResult, topN: number): Record<string, string[]> {
  const winners: Record<string, string[]> = {};
  for (const row of result.rows) {
    winners[row.themeId] ??= [];
    if (row.rank !== null && row.rank <= topN) winners[row.themeId].push(row.applicationId);
  }
  return winners;
}

function sameWinners(a: Record<string, string[]>, b: Record<string, string[]>): boolean {
  const themes = Object.keys(a);
  if (themes.length !== Object.keys(b).length) return false;
  return themes.every((theme) => {
    const other = Object.hasOwn(b, theme) ? b[theme] : undefined;
    return other !== undefined && other.length === a[theme].length && other.every((id, i) => id === a[theme][i]);
  });
}

/**
 * How much the winners depend on the scoring method: the input ranked under every method (in SCORING_METHODS order)
 * with the winners of each theme, i.e. the applications ranked 1…topN (default 1; ties at the cut all included), in
 * rank order. `differs` is true when any method's winners differ from those of the requested method, in membership or
 * in order; everything else (criteria, tie-breaks, committee order) is the same for all methods.
 */
export function sensitivity(
  input: RankingInput | TotalsRankingInput,
  topN = 1,
): { methods: MethodWinners[]; differs: boolean } {
  if (!Number.isInteger(topN) || topN < 1) throw new RangeError('sensitivity: topN must be a whole number ≥ 1');
  const methods = SCORING_METHODS.map((method): MethodWinners => {
    const result = 'totals' in input ? rankTotals({ ...input, method }) : rank({ ...input, method });
    return { method, used: result.methodUsed, winners: winnersOf(result, topN) };
  });
  const requested = methods.find((entry) => entry.method === input.method);
  if (requested === undefined) throw new RangeError(`sensitivity: unknown method ${String(input.method)}`);
  return { methods, differs: methods.some((entry) => !sameWinners(entry.winners, requested.winners)) };
}
