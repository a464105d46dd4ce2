import { checkedCriteria, jurorTotal, pointsFor } from './juror-total';
import { normalise } from './normalise';
import { compareIds, mean, median, range, round4, SCORE_EPSILON, standardDeviation, trimmedMean } from './statistics';
import { type Criterion, type Scorecard, type ScoringMethod, SCORING_METHODS } from './types';

/** An application is flagged for discussion when the SD of its jurors' totals is above this, unless told otherwise. */
export const DEFAULT_DISAGREEMENT_THRESHOLD = 15;

export interface RankingInput {
  method: ScoringMethod;
  criteria: readonly Criterion[];
  applications: ReadonlyArray<{ id: string; themeId: string }>;
  scorecards: readonly Scorecard[];
  /** Minimum score for an award (0–100), or null. */
  minAwardScore: number | null;
  /** SD of juror totals above which an application is flagged for discussion (default 15). */
  disagreementThreshold?: number;
  /** Recorded committee decisions for ties the chain could not break: per theme, application ids in the decided order. */
  committeeOrder?: Readonly<Record<string, readonly string[]>>;
}

export interface RankedRow {
  applicationId: string;
  themeId: string;
  /** Rank in its theme (1…); equal ranks only for a tie nothing in the chain resolved (then `unresolvedTie` is true). null when no scorecard. */
  rank: number | null;
  /** By the method actually used, 0–100, 4 decimals. */
  score: number | null;
  /** The number of jurors with a total (a scorecard abstained on every criterion has none). */
  jurors: number;
  /** The jurors' totals (sorted ascending). */
  totals: number[];
  /** Mean points per criterion (abstentions left out), 4 decimals; null when nobody scored it. */
  criterionMeans: Record<string, number | null>;
  median: number | null;
  sd: number | null;
  range: number | null;
  /** sd > threshold. */
  flagged: boolean;
  /** score ≥ minAwardScore (or no minimum) and scored. */
  eligibleForAward: boolean;
  /** What decided its place against the one above it: 'score' | `criterion:<id>` | 'median' | 'committee' | null (first, or unresolved). */
  decidedBy: string | null;
  unresolvedTie: boolean;
}

export interface RankingResult {
  methodRequested: ScoringMethod;
  /** Falls back to 'mean' when normalised is refused; trimmed_mean stays trimmed_mean (per-application fallbacks are in `notes`). */
  methodUsed: ScoringMethod;
  /** Machine-readable notes, e.g. 'normalised_refused:too_few_per_juror', 'trimmed_mean_fallback:<applicationId>'. */
  notes: string[];
  /** Grouped by theme (themeId ascending), then rank (unranked last), then applicationId. */
  rows: RankedRow[];
}

/** One step of the tie-break chain: its label for `decidedBy` and the value compared (higher first; null last). */
interface ChainStep {
  label: string;
  value: number | null;
}

interface Working {
  row: RankedRow;
  chain: ChainStep[];
}

/** Compares two chain values, higher first; a missing value (null) comes after any number; closer than ε: equal. */
function compareDescending(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (Math.abs(a - b) <= SCORE_EPSILON) return 0;
  return a > b ? -1 : 1;
}

/** The first chain step on which `a` and `b` differ (its index), or -1 when the whole chain ties. */
function firstDifference(a: ChainStep[], b: ChainStep[]): number {
  for (let index = 0; index < a.length; index++) {
    if (compareDescending(a[index].value, b[index].value) !== 0) return index;
  }
  return -1;
}

function compareChains(a: ChainStep[], b: ChainStep[]): number {
  const index = firstDifference(a, b);
  return index === -1 ? 0 : compareDescending(a[index].value, b[index].value);
}

function ownList(
  record: Readonly<Record<string, readonly string[]>> | undefined,
  key: string,
): readonly string[] | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Ranks the applications of each theme.
 *
 * 1. Each scorecard gives a juror total (see `jurorTotal`); a scorecard abstained on every criterion gives none.
 * 2. Each application's score is computed from its totals by the method (see `SCORING_METHODS`), rounded to 4 decimals:
 *    - `trimmed_mean` for an application with fewer than 5 totals uses their mean (note `trimmed_mean_fallback:<id>`);
 *    - `normalised` normalises all totals of the input, across themes (see `normalise`, minimum 8 per juror); when
 *      refused the whole ranking uses `mean` (`methodUsed` 'mean', notes `normalised_refused:too_few_per_juror` and
 *      `normalised_refused_juror:<jurorId>:<count>` per juror below the minimum). The score is then the mean of the
 *      application's normalised totals.
 * 3. Within a theme, applications are ordered by the tie-break chain, each step only when all before it are equal:
 *    score (higher first); then each criterion with a tieBreakOrder (lowest order first, equal orders by criterion id)
 *    by its mean points (higher first; an application nobody scored on it comes after); then the median of the totals
 *    (higher first). Values are compared as rounded to 4 decimals. Nothing random, nothing from input order.
 * 4. Applications the whole chain ties form a group. If `committeeOrder[themeId]` names every application of the
 *    group, they take consecutive ranks in the committee's order (decidedBy 'committee'). Otherwise they share the
 *    rank (1, 2, 2, 4), `unresolvedTie` true, listed by application id; a committee order naming only some of them
 *    is not applied and gives the note `committee_order_incomplete:<themeId>:<ids, comma-separated>`. The committee
 *    order never overrides the chain: it is only read for ties.
 * 5. An application without any juror total gets no rank and no score (listed last in its theme).
 *
 * Also per application: the totals' median, population SD and range (4 decimals, over the raw totals even under
 * `normalised`), `flagged` when the SD is above the disagreement threshold (default 15), and `eligibleForAward` when
 * scored and the score is at least `minAwardScore` (any score when null).
 *
 * Throws on invalid input: duplicate application or criterion ids, a scorecard for an application not listed, two
 * scorecards of one juror for one application, points outside 0…maxPoints.
 */
export function rank(input: RankingInput): RankingResult {
  const criteria = checkedCriteria(input.criteria);
  const themeOf = new Map<string, string>();
  for (const application of input.applications) {
    if (themeOf.has(application.id)) throw new RangeError(`rank: application ${application.id} listed twice`);
    themeOf.set(application.id, application.themeId);
  }
  const cards = new Map<string, Scorecard[]>();
  const totals: Array<{ jurorId: string; applicationId: string; total: number }> = [];
  for (const card of input.scorecards) {
    if (!themeOf.has(card.applicationId)) {
      throw new RangeError(`rank: scorecard for application ${card.applicationId}, which is not listed`);
    }
    const list = cards.get(card.applicationId) ?? [];
    if (list.some((other) => other.jurorId === card.jurorId)) {
      throw new RangeError(`rank: juror ${card.jurorId} has two scorecards for application ${card.applicationId}`);
    }
    list.push(card);
    cards.set(card.applicationId, list);
    const total = jurorTotal(card.points, criteria);
    if (total !== null) totals.push({ jurorId: card.jurorId, applicationId: card.applicationId, total });
  }
  const criterionMeans: Record<string, Record<string, number | null>> = {};
  for (const { id } of input.applications) {
    const means: Record<string, number | null> = {};
    for (const criterion of criteria) {
      const given = (cards.get(id) ?? [])
        .map((card) => pointsFor(card.points, criterion))
        .filter((points): points is number => points !== null);
      means[criterion.id] = given.length > 0 ? round4(mean(given)) : null;
    }
    criterionMeans[id] = means;
  }
  return rankTotals({ ...input, totals, criterionMeans });
}

/**
 * The input of {@link rankTotals}: the juror totals and the criterion means already
 * computed (e.g. by the database, for a large call), instead of the scorecards.
 */
export interface TotalsRankingInput extends Omit<RankingInput, 'scorecards'> {
  /** One per juror and application with a total (see jurorTotal), 0–100. */
  totals: ReadonlyArray<{ jurorId: string; applicationId: string; total: number }>;
  /** Per application, the mean points per criterion (abstentions left out), 4 decimals; null: nobody scored it. */
  criterionMeans: Readonly<Record<string, Readonly<Record<string, number | null>>>>;
}

/** {@link rank} from juror totals and criterion means: the same rules from step 2 on. */
export function rankTotals(input: TotalsRankingInput): RankingResult {
  if (!SCORING_METHODS.includes(input.method)) throw new RangeError(`rank: unknown method ${String(input.method)}`);
  const threshold = input.disagreementThreshold ?? DEFAULT_DISAGREEMENT_THRESHOLD;
  if (!Number.isFinite(threshold)) throw new RangeError('rank: disagreementThreshold must be a finite number');
  if (input.minAwardScore !== null && !Number.isFinite(input.minAwardScore)) {
    throw new RangeError('rank: minAwardScore must be a finite number or null');
  }

  const criteria = checkedCriteria(input.criteria);
  const tieBreaks = criteria
    .filter((criterion) => criterion.tieBreakOrder !== null)
    .sort((a, b) => (a.tieBreakOrder ?? 0) - (b.tieBreakOrder ?? 0) || compareIds(a.id, b.id));

  const themeOf = new Map<string, string>();
  for (const application of input.applications) {
    if (themeOf.has(application.id)) throw new RangeError(`rank: application ${application.id} listed twice`);
    themeOf.set(application.id, application.themeId);
  }

  const totals = new Map<string, Array<{ jurorId: string; total: number }>>();
  const allTotals: Array<{ jurorId: string; applicationId: string; total: number }> = [];
  for (const entry of input.totals) {
    if (!themeOf.has(entry.applicationId)) {
      throw new RangeError(`rank: total for application ${entry.applicationId}, which is not listed`);
    }
    const own = totals.get(entry.applicationId) ?? [];
    if (own.some((other) => other.jurorId === entry.jurorId)) {
      throw new RangeError(`rank: juror ${entry.jurorId} has two totals for application ${entry.applicationId}`);
    }
    own.push({ jurorId: entry.jurorId, total: entry.total });
    totals.set(entry.applicationId, own);
    allTotals.push(entry);
  }

  let methodUsed: ScoringMethod = input.method;
  const methodNotes: string[] = [];
  const normalised = new Map<string, number[]>();
  if (input.method === 'normalised') {
    const result = normalise(allTotals);
    if (result.ok) {
      for (const row of result.totals) {
        const list = normalised.get(row.applicationId) ?? [];
        list.push(row.normalised);
        normalised.set(row.applicationId, list);
      }
    } else {
      methodUsed = 'mean';
      methodNotes.push(`normalised_refused:${result.reason}`);
      for (const juror of result.jurors) methodNotes.push(`normalised_refused_juror:${juror.jurorId}:${juror.scored}`);
    }
  }

  const fallbackNotes: string[] = [];
  const working: Working[] = input.applications.map(({ id, themeId }) => {
    const own = (totals.get(id) ?? []).map((entry) => entry.total).sort((a, b) => a - b);
    const criterionMeans: Record<string, number | null> = {};
    const given = input.criterionMeans[id] ?? {};
    for (const criterion of criteria) criterionMeans[criterion.id] = given[criterion.id] ?? null;
    let score: number | null = null;
    if (own.length > 0) {
      if (methodUsed === 'median') score = median(own);
      else if (methodUsed === 'trimmed_mean') {
        score = trimmedMean(own);
        if (score === null) {
          score = mean(own);
          fallbackNotes.push(`trimmed_mean_fallback:${id}`);
        }
      } else if (methodUsed === 'normalised') score = mean(normalised.get(id) ?? own);
      else score = mean(own);
      score = round4(score);
    }
    const sd = own.length > 0 ? round4(standardDeviation(own)) : null;
    const row: RankedRow = {
      applicationId: id,
      themeId,
      rank: null,
      score,
      jurors: own.length,
      totals: own,
      criterionMeans,
      median: own.length > 0 ? round4(median(own)) : null,
      sd,
      range: own.length > 0 ? round4(range(own)) : null,
      flagged: sd !== null && sd - threshold > SCORE_EPSILON,
      eligibleForAward:
        score !== null && (input.minAwardScore === null || score - input.minAwardScore >= -SCORE_EPSILON),
      decidedBy: null,
      unresolvedTie: false,
    };
    const chain: ChainStep[] = [
      { label: 'score', value: score },
      ...tieBreaks.map((criterion) => ({ label: `criterion:${criterion.id}`, value: criterionMeans[criterion.id] })),
      { label: 'median', value: row.median },
    ];
    return { row, chain };
  });

  // rank within each theme
  const themes = new Map<string, Working[]>();
  for (const item of working) {
    if (item.row.score === null) continue;
    const list = themes.get(item.row.themeId) ?? [];
    list.push(item);
    themes.set(item.row.themeId, list);
  }
  const committeeNotes: string[] = [];
  for (const themeId of [...themes.keys()].sort(compareIds)) {
    const list = (themes.get(themeId) ?? []).sort(
      (a, b) => compareChains(a.chain, b.chain) || compareIds(a.row.applicationId, b.row.applicationId),
    );
    const decided = ownList(input.committeeOrder, themeId) ?? [];
    let start = 0;
    while (start < list.length) {
      let end = start + 1;
      while (end < list.length && compareChains(list[start].chain, list[end].chain) === 0) end++;
      const group = list.slice(start, end);
      // what separates this group from the application above it (the chain differs somewhere, by construction)
      const above =
        start > 0 ? list[start - 1].chain[firstDifference(list[start - 1].chain, group[0].chain)].label : null;
      if (group.length === 1) {
        group[0].row.rank = start + 1;
        group[0].row.decidedBy = above;
      } else if (group.every((item) => decided.includes(item.row.applicationId))) {
        group.sort((a, b) => decided.indexOf(a.row.applicationId) - decided.indexOf(b.row.applicationId));
        group.forEach((item, index) => {
          item.row.rank = start + 1 + index;
          item.row.decidedBy = index === 0 ? above : 'committee';
        });
      } else {
        group.forEach((item, index) => {
          item.row.rank = start + 1;
          item.row.unresolvedTie = true;
          item.row.decidedBy = index === 0 ? above : null;
        });
        const named = group.filter((item) => decided.includes(item.row.applicationId));
        if (named.length > 0) {
          committeeNotes.push(
            `committee_order_incomplete:${themeId}:${group.map((item) => item.row.applicationId).join(',')}`,
          );
        }
      }
      start = end;
    }
  }

  const rows = working
    .map((item) => item.row)
    .sort(
      (a, b) =>
        compareIds(a.themeId, b.themeId) ||
        (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
        compareIds(a.applicationId, b.applicationId),
    );
  return {
    methodRequested: input.method,
    methodUsed,
    notes: [...methodNotes, ...fallbackNotes.sort(compareIds), ...committeeNotes],
    rows,
  };
}
