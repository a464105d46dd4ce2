/**
 * The ranking of a round, per theme: for each application the mean of the counted
 * scorecards' points per criterion (abstentions left out of that criterion's mean), the
 * weighted total Σ weight × mean, and its share of the maximum. Applications are ranked
 * within their theme by the total, then by the tie-break criteria in their order; equal
 * totals that no tie-break separates share a rank (1, 2, 2, 4).
 */
export interface RankingCriterion {
  id: string;
  position: number;
  weight: number;
  maxPoints: number;
  tieBreakOrder: number | null;
}

export interface RankingEntry {
  applicationId: string;
  themeId: string;
}

/** One counted scorecard: submitted, not excluded, no conflict. Points by criterion id (null: abstained). */
export interface CountedScorecard {
  applicationId: string;
  points: Record<string, number | null>;
}

export interface RankedApplication {
  applicationId: string;
  themeId: string;
  /** Rank within the theme; null when no scorecard counts yet. */
  rank: number | null;
  scorecards: number;
  /** Mean points per criterion id (null: nobody scored it). */
  means: Record<string, number | null>;
  total: number;
  maxTotal: number;
  percent: number;
}

const EPSILON = 1e-9;

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function rankRound(
  criteria: readonly RankingCriterion[],
  entries: readonly RankingEntry[],
  scorecards: readonly CountedScorecard[],
): RankedApplication[] {
  const maxTotal = criteria.reduce((sum, c) => sum + c.weight * c.maxPoints, 0);
  const tieBreaks = criteria
    .filter((c) => c.tieBreakOrder !== null)
    .sort((a, b) => (a.tieBreakOrder ?? 0) - (b.tieBreakOrder ?? 0));
  const byApplication = new Map<string, CountedScorecard[]>();
  for (const card of scorecards) {
    const list = byApplication.get(card.applicationId) ?? [];
    list.push(card);
    byApplication.set(card.applicationId, list);
  }

  const rows: RankedApplication[] = entries.map((entry) => {
    const cards = byApplication.get(entry.applicationId) ?? [];
    const means: Record<string, number | null> = {};
    let total = 0;
    for (const criterion of criteria) {
      const given = cards.map((card) => card.points[criterion.id]).filter((p): p is number => typeof p === 'number');
      const mean = given.length ? given.reduce((a, b) => a + b, 0) / given.length : null;
      means[criterion.id] = mean === null ? null : round(mean, 4);
      total += criterion.weight * (mean ?? 0);
    }
    return {
      applicationId: entry.applicationId,
      themeId: entry.themeId,
      rank: null,
      scorecards: cards.length,
      means,
      total: round(total, 4),
      maxTotal: round(maxTotal, 4),
      percent: maxTotal > 0 ? round((total / maxTotal) * 100, 2) : 0,
    };
  });

  const compare = (a: RankedApplication, b: RankedApplication): number => {
    if (Math.abs(a.total - b.total) > EPSILON) return b.total - a.total;
    for (const criterion of tieBreaks) {
      const x = a.means[criterion.id] ?? 0;
      const y = b.means[criterion.id] ?? 0;
      if (Math.abs(x - y) > EPSILON) return y - x;
    }
    return 0;
  };

  const themes = new Map<string, RankedApplication[]>();
  for (const row of rows) {
    if (!row.scorecards) continue;
    const list = themes.get(row.themeId) ?? [];
    list.push(row);
    themes.set(row.themeId, list);
  }
  for (const list of themes.values()) {
    list.sort((a, b) => compare(a, b) || a.applicationId.localeCompare(b.applicationId));
    list.forEach((row, index) => {
      row.rank = index > 0 && compare(list[index - 1], row) === 0 ? list[index - 1].rank : index + 1;
    });
  }
  return rows.sort(
    (a, b) =>
      a.themeId.localeCompare(b.themeId) ||
      (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
      a.applicationId.localeCompare(b.applicationId),
  );
}

/** The applications of each theme ranked at most `n` (ties at the cut all go through). */
export function topPerTheme(ranked: readonly RankedApplication[], n: number): string[] {
  return ranked.filter((row) => row.rank !== null && row.rank <= n).map((row) => row.applicationId);
}
