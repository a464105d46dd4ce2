import fc from 'fast-check';

import { jurorTotal } from './juror-total';
import { rank, type RankingInput } from './rank';
import { sensitivity } from './sensitivity';
import { mean, median, SCORE_EPSILON, trimmedMean } from './statistics';
import { type Criterion, type Scorecard, SCORING_METHODS } from './types';

/** Fixed seed: a failure reproduces with the same counter-example. */
const RUN = { seed: 42, numRuns: 200 };

interface CriterionShape {
  weights: { min: number; max: number };
  maxPoints: fc.Arbitrary<number>;
}

/** 1–4 criteria c0, c1, … with the given weights and maxima, and a tie-break order on some. */
function criteriaArb(shape: CriterionShape): fc.Arbitrary<Criterion[]> {
  return fc
    .array(
      fc.record({
        weight: fc.integer(shape.weights),
        maxPoints: shape.maxPoints,
        tieBreakOrder: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((list) => list.map((criterion, index) => ({ id: `c${index}`, ...criterion })));
}

/** A scorecard's points: for each criterion points from `pointsOf`, or an abstention with probability 1 / `abstain`. */
function pointsArb(
  criteria: readonly Criterion[],
  pointsOf: (criterion: Criterion) => fc.Arbitrary<number>,
  abstain: number | null,
): fc.Arbitrary<Record<string, number | null>> {
  return fc
    .tuple(
      ...criteria.map((criterion) =>
        abstain === null ? pointsOf(criterion) : fc.option(pointsOf(criterion), { nil: null, freq: abstain }),
      ),
    )
    .map((values) => Object.fromEntries(criteria.map((criterion, index) => [criterion.id, values[index]])));
}

const integerPoints = (criterion: Criterion) => fc.integer({ min: 0, max: criterion.maxPoints });

/**
 * A round: 1–11 applications in 1–3 themes, 1–5 jurors; each juror scores each application with probability ~80 %
 * (every one when `complete`), small whole points so that ties are frequent. No committee order.
 */
const roundArb: fc.Arbitrary<RankingInput> = fc
  .record({
    criteria: criteriaArb({ weights: { min: 1, max: 3 }, maxPoints: fc.integer({ min: 1, max: 4 }) }),
    // half of the rounds large enough for normalisation (8 applications per juror)
    themes: fc.oneof(
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 7 }),
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 8, maxLength: 11 }),
    ),
    jurors: fc.integer({ min: 1, max: 5 }),
    complete: fc.boolean(),
    method: fc.constantFrom(...SCORING_METHODS),
    minAwardScore: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    disagreementThreshold: fc.integer({ min: 0, max: 30 }),
  })
  .chain(({ criteria, themes, jurors, complete, method, minAwardScore, disagreementThreshold }) => {
    const applications = themes.map((theme, index) => ({ id: `a${index}`, themeId: `t${theme}` }));
    const pairs = applications.flatMap((application) =>
      Array.from({ length: jurors }, (_, juror) => ({ jurorId: `j${juror}`, applicationId: application.id })),
    );
    const card = pointsArb(criteria, integerPoints, 10);
    return fc
      .tuple(...pairs.map(() => (complete ? card : fc.option(card, { nil: null, freq: 5 }))))
      .map((points): RankingInput => ({
        method,
        criteria,
        applications,
        scorecards: pairs.flatMap((pair, index) => {
          const given = points[index];
          return given === null ? [] : [{ ...pair, points: given }];
        }),
        minAwardScore,
        disagreementThreshold,
      }));
  });

function shuffled<T>(list: readonly T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray([...list], { minLength: list.length, maxLength: list.length });
}

function ranks(input: RankingInput): Record<string, number | null> {
  return Object.fromEntries(rank(input).rows.map((row) => [row.applicationId, row.rank]));
}

describe('scoring properties', () => {
  it('1. a juror total, and the mean of totals, never leave 0–100', () => {
    const arb = criteriaArb({ weights: { min: 0, max: 5 }, maxPoints: fc.integer({ min: 1, max: 20 }) }).chain(
      (criteria) =>
        fc.tuple(
          fc.constant(criteria),
          fc.array(
            pointsArb(
              criteria,
              (criterion) =>
                fc.oneof(integerPoints(criterion), fc.double({ min: 0, max: criterion.maxPoints, noNaN: true })),
              3,
            ),
            { minLength: 1, maxLength: 8 },
          ),
        ),
    );
    fc.assert(
      fc.property(arb, ([criteria, cards]) => {
        const totals = cards.map((points) => jurorTotal(points, criteria)).filter((total) => total !== null);
        for (const total of totals) {
          expect(total).toBeGreaterThanOrEqual(0);
          expect(total).toBeLessThanOrEqual(100);
        }
        if (totals.length > 0) {
          expect(mean(totals)).toBeGreaterThanOrEqual(0);
          expect(mean(totals)).toBeLessThanOrEqual(100);
        }
      }),
      RUN,
    );
    // and so does every score of a ranking, under every method
    fc.assert(
      fc.property(roundArb, (input) => {
        for (const row of rank(input).rows) {
          if (row.score === null) continue;
          expect(row.score).toBeGreaterThanOrEqual(0);
          expect(row.score).toBeLessThanOrEqual(100);
        }
      }),
      RUN,
    );
  });

  it('2. under normalisation, adding a juror who gives every application the same scorecard leaves the ranks unchanged', () => {
    // The property holds exactly when every juror scores every application (the added juror pulls each application's
    // score towards the panel mean by the same factor only if all have equal juror counts) and no normalised total
    // is clamped: points stay within 40–60 % of the maximum, so every total is 40–60, every SD at most 10 and
    // |z| ≤ √(applications − 1) ≤ 3, i.e. normalised totals within 10–90. Scores that differ by less than 0.01 are
    // skipped unless the applications got the very same total from each juror: the median, the last link of the
    // chain, is not preserved by an added constant, and 4-decimal rounding could merge near-equal scores.
    const arb = fc
      .record({
        criteria: criteriaArb({ weights: { min: 1, max: 3 }, maxPoints: fc.constant(100) }),
        themes: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 8, maxLength: 10 }),
        jurors: fc.integer({ min: 1, max: 4 }),
      })
      .chain(({ criteria, themes, jurors }) => {
        const band = () => fc.integer({ min: 40, max: 60 });
        const card = pointsArb(criteria, band, null);
        return fc.record({
          criteria: fc.constant(criteria),
          applications: fc.constant(themes.map((theme, index) => ({ id: `a${index}`, themeId: `t${theme}` }))),
          points: fc.array(fc.array(card, { minLength: themes.length, maxLength: themes.length }), {
            minLength: jurors,
            maxLength: jurors,
          }),
          constant: card,
        });
      });
    fc.assert(
      fc.property(arb, ({ criteria, applications, points, constant }) => {
        const scorecards: Scorecard[] = points.flatMap((row, juror) =>
          applications.map((application, index) => ({
            jurorId: `j${juror}`,
            applicationId: application.id,
            points: row[index],
          })),
        );
        const before: RankingInput = { method: 'normalised', criteria, applications, scorecards, minAwardScore: null };
        const result = rank(before);
        expect(result.methodUsed).toBe('normalised');

        const totalsOf = new Map(
          applications.map((application) => [
            application.id,
            JSON.stringify(points.map((row) => jurorTotal(row[applications.indexOf(application)], criteria))),
          ]),
        );
        for (const a of result.rows) {
          for (const b of result.rows) {
            if (a.applicationId >= b.applicationId || a.themeId !== b.themeId) continue;
            const close = Math.abs((a.score ?? 0) - (b.score ?? 0)) < 0.01;
            fc.pre(!close || totalsOf.get(a.applicationId) === totalsOf.get(b.applicationId));
          }
        }

        const after: RankingInput = {
          ...before,
          scorecards: [
            ...scorecards,
            ...applications.map((application) => ({
              jurorId: 'constant',
              applicationId: application.id,
              points: constant,
            })),
          ],
        };
        expect(rank(after).methodUsed).toBe('normalised');
        expect(ranks(after)).toEqual(ranks(before));
      }),
      RUN,
    );
  });

  it('3a. shuffling the applications, scorecards and criteria never changes the result', () => {
    const arb = roundArb.chain((input) =>
      fc.record({
        input: fc.constant(input),
        applications: shuffled(input.applications),
        scorecards: shuffled(input.scorecards),
        criteria: shuffled(input.criteria),
        committee: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(arb, ({ input, committee, ...reordered }) => {
        // with a committee order: the applications of each theme in id order, descending
        const committeeOrder = committee
          ? Object.fromEntries(
              [...new Set(input.applications.map((application) => application.themeId))].map((theme) => [
                theme,
                input.applications
                  .filter((application) => application.themeId === theme)
                  .map((application) => application.id)
                  .reverse(),
              ]),
            )
          : undefined;
        const original = rank({ ...input, committeeOrder });
        expect(JSON.stringify(rank({ ...input, ...reordered, committeeOrder }))).toBe(JSON.stringify(original));
      }),
      RUN,
    );
  });

  it('3b. two applications with identical scorecards share a rank, unresolved, unless the committee order decides', () => {
    const arb = roundArb.chain((input) => {
      const jurorIds = [...new Set(input.scorecards.map((card) => card.jurorId)), 'jx'];
      const themeApplications = input.applications
        .filter((application) => application.themeId === 't0')
        .map((a) => a.id);
      return fc.record({
        input: fc.constant(input),
        twinJurors: fc.subarray(jurorIds, { minLength: 1 }),
        twinPoints: fc.array(pointsArb(input.criteria, integerPoints, null), { minLength: 6, maxLength: 6 }),
        committeeOrder: shuffled([...themeApplications, 'x', 'y']),
      });
    });
    fc.assert(
      fc.property(arb, ({ input, twinJurors, twinPoints, committeeOrder }) => {
        const twinCards = twinJurors.flatMap((jurorId, index) =>
          ['x', 'y'].map((applicationId) => ({ jurorId, applicationId, points: twinPoints[index] })),
        );
        const withTwins: RankingInput = {
          ...input,
          applications: [...input.applications, { id: 'x', themeId: 't0' }, { id: 'y', themeId: 't0' }],
          scorecards: [...input.scorecards, ...twinCards],
        };

        const plain = rank(withTwins).rows;
        const x = plain.find((row) => row.applicationId === 'x');
        const y = plain.find((row) => row.applicationId === 'y');
        expect(x?.rank).not.toBeNull();
        expect(x?.rank).toBe(y?.rank);
        expect(x?.unresolvedTie && y?.unresolvedTie).toBe(true);

        const decided = rank({ ...withTwins, committeeOrder: { t0: committeeOrder } }).rows;
        const [first, second] = committeeOrder.filter((id) => id === 'x' || id === 'y');
        const firstRow = decided.find((row) => row.applicationId === first);
        const secondRow = decided.find((row) => row.applicationId === second);
        expect(firstRow?.rank).toBeLessThan(secondRow?.rank ?? 0);
        expect(secondRow?.decidedBy).toBe('committee');
        expect(decided.filter((row) => row.themeId === 't0').some((row) => row.unresolvedTie)).toBe(false);
      }),
      RUN,
    );
  });

  it('4. the median and the trimmed mean lie between the lowest and the highest value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (values) => {
          const low = Math.min(...values);
          const high = Math.max(...values);
          const middle = median(values);
          expect(middle).toBeGreaterThanOrEqual(low);
          expect(middle).toBeLessThanOrEqual(high);
          const trimmed = trimmedMean(values);
          if (values.length < 5) {
            expect(trimmed).toBeNull();
          } else {
            expect(trimmed).toBeGreaterThanOrEqual(low);
            expect(trimmed).toBeLessThanOrEqual(high);
          }
        },
      ),
      RUN,
    );
  });

  it('5. sensitivity differs exactly when some method has other winners than the requested one', () => {
    fc.assert(
      fc.property(roundArb, fc.integer({ min: 1, max: 3 }), (input, topN) => {
        const result = sensitivity(input, topN);
        const requested = result.methods.find((entry) => entry.method === input.method);
        const allSame = result.methods.every(
          (entry) => JSON.stringify(entry.winners) === JSON.stringify(requested?.winners),
        );
        expect(result.differs).toBe(!allSame);
      }),
      RUN,
    );
  });

  it('5b. with one total per application every method has the same winners, so sensitivity does not differ', () => {
    // a single juror: mean, median and the trimmed-mean fallback are that total, and normalising one juror
    // against a panel of that same juror gives the total back
    const arb = roundArb.map((input) => ({
      ...input,
      scorecards: input.scorecards.filter((card) => card.jurorId === 'j0'),
    }));
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 3 }), (input, topN) => {
        const scores = SCORING_METHODS.map((method) => rank({ ...input, method }).rows.map((row) => row.score));
        for (const list of scores) {
          list.forEach((score, index) =>
            expect(Math.abs((score ?? 0) - (scores[0][index] ?? 0))).toBeLessThan(SCORE_EPSILON),
          );
        }
        expect(sensitivity(input, topN).differs).toBe(false);
      }),
      RUN,
    );
  });
});
