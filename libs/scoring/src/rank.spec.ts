import { rank, type RankedRow, type RankingInput } from './rank';
import { sensitivity } from './sensitivity';
import type { Criterion, Scorecard } from './types';

const IMPACT: Criterion = { id: 'impact', weight: 2, maxPoints: 10, tieBreakOrder: 1 };
const COST: Criterion = { id: 'cost', weight: 1, maxPoints: 5, tieBreakOrder: null };
/** One criterion out of 100 points: the points are the juror's total. */
const OVERALL: Criterion = { id: 'overall', weight: 1, maxPoints: 100, tieBreakOrder: null };

/** Scorecards on OVERALL: totals[i] from juror j<i+1>. */
function cards(applicationId: string, totals: number[]): Scorecard[] {
  return totals.map((total, index) => ({ jurorId: `j${index + 1}`, applicationId, points: { overall: total } }));
}

function input(overrides: Partial<RankingInput>): RankingInput {
  return { method: 'mean', criteria: [OVERALL], applications: [], scorecards: [], minAwardScore: null, ...overrides };
}

function byId(rows: RankedRow[]): Record<string, RankedRow> {
  return Object.fromEntries(rows.map((row) => [row.applicationId, row]));
}

function places(rows: RankedRow[]) {
  return rows.map(({ applicationId, rank, decidedBy, unresolvedTie }) => ({
    applicationId,
    rank,
    decidedBy,
    unresolvedTie,
  }));
}

describe('rank', () => {
  it('scores by the mean of the juror totals, with abstentions and weights', () => {
    const result = rank({
      method: 'mean',
      criteria: [IMPACT, COST],
      applications: [{ id: 'a', themeId: 't' }],
      scorecards: [
        { jurorId: 'j1', applicationId: 'a', points: { impact: 8, cost: 4 } }, // 20 / 25 = 80
        { jurorId: 'j2', applicationId: 'a', points: { impact: 6, cost: null } }, // 12 / 20 = 60
        { jurorId: 'j3', applicationId: 'a', points: { impact: null, cost: null } }, // no total
      ],
      minAwardScore: null,
    });
    expect(result).toEqual({
      methodRequested: 'mean',
      methodUsed: 'mean',
      notes: [],
      rows: [
        {
          applicationId: 'a',
          themeId: 't',
          rank: 1,
          score: 70,
          jurors: 2,
          totals: [60, 80],
          criterionMeans: { cost: 4, impact: 7 },
          median: 70,
          sd: 10,
          range: 20,
          flagged: false,
          eligibleForAward: true,
          decidedBy: null,
          unresolvedTie: false,
        },
      ],
    });
  });

  it('scores by the median', () => {
    const result = rank(
      input({ method: 'median', applications: [{ id: 'a', themeId: 't' }], scorecards: cards('a', [0, 90, 80]) }),
    );
    expect(result.rows[0]).toMatchObject({ score: 80, median: 80, totals: [0, 80, 90] });
  });

  it('uses the trimmed mean from 5 jurors and falls back to the mean, with a note, at 4', () => {
    const result = rank(
      input({
        method: 'trimmed_mean',
        applications: [
          { id: 'five', themeId: 't' },
          { id: 'four', themeId: 't' },
        ],
        scorecards: [...cards('four', [10, 20, 30, 100]), ...cards('five', [10, 20, 30, 40, 100])],
      }),
    );
    expect(result.methodUsed).toBe('trimmed_mean');
    expect(result.notes).toEqual(['trimmed_mean_fallback:four']);
    const rows = byId(result.rows);
    // four: (10 + 20 + 30 + 100) / 4; five: 10 and 100 dropped, (20 + 30 + 40) / 3
    expect(rows.four).toMatchObject({ score: 40, rank: 1 });
    expect(rows.five).toMatchObject({ score: 30, rank: 2, decidedBy: 'score' });
  });

  describe('normalised', () => {
    // j1 is narrow (49 or 51: mean 50, SD 1), j2 wide (43 or 57: mean 50, SD 7); panel mean 50, SD 5.
    // Normalised, each total becomes 50 ± 5: a → 55 + 55, b → 55 + 45, c → 45 + 55, d → 45 + 45.
    const pattern: Record<string, number[]> = { a: [51, 57], b: [51, 43], c: [49, 57], d: [49, 43] };
    const applications = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => ({
      id,
      themeId: id < 'e' ? 't1' : 't2',
    }));
    // t2 repeats t1: e like a, f like b, …
    const scorecards = applications.flatMap(({ id }, index) => cards(id, pattern['abcd'[index % 4]]));

    it('evens out a narrow and a wide juror; equal scores then go by the median', () => {
      const result = rank(input({ method: 'normalised', applications, scorecards }));
      expect(result.methodUsed).toBe('normalised');
      expect(result.notes).toEqual([]);
      const t1 = result.rows.filter((row) => row.themeId === 't1');
      expect(t1.map((row) => [row.applicationId, row.score, row.median])).toEqual([
        ['a', 55, 54],
        ['c', 50, 53],
        ['b', 50, 47],
        ['d', 45, 46],
      ]);
      expect(places(t1)).toEqual([
        { applicationId: 'a', rank: 1, decidedBy: null, unresolvedTie: false },
        { applicationId: 'c', rank: 2, decidedBy: 'score', unresolvedTie: false },
        { applicationId: 'b', rank: 3, decidedBy: 'median', unresolvedTie: false },
        { applicationId: 'd', rank: 4, decidedBy: 'score', unresolvedTie: false },
      ]);
      // the raw mean would favour c (the wide juror's 57) far above b
      expect(
        rank(input({ method: 'mean', applications, scorecards }))
          .rows.slice(0, 4)
          .map((row) => row.score),
      ).toEqual([54, 53, 47, 46]);
    });

    it('an added juror who gives everyone the same total can reorder applications with unequal juror counts', () => {
      // (why property 2 needs every juror to score every application) a9 has one juror, a8 two: the added juror's
      // panel-mean total pulls a9's score harder towards the new panel mean than a8's
      const j0 = [49, 51, 51, 60, null, 51, 40, 40, 43];
      const j1 = [42, 59, 41, 40, 53, 43, 40, 45, null];
      const ids = ['a0', 'a1', 'a2', 'a3', 'a5', 'a6', 'a7', 'a8', 'a9'];
      const some = ids.map((id) => ({ id, themeId: 't' }));
      const given = (jurorId: string, totals: Array<number | null>) =>
        totals.flatMap((total, index) =>
          total === null ? [] : [{ jurorId, applicationId: ids[index], points: { overall: total } }],
        );
      const before = input({
        method: 'normalised',
        applications: some,
        scorecards: [...given('j0', j0), ...given('j1', j1)],
      });
      const after = { ...before, scorecards: [...before.scorecards, ...given('k', Array<number>(9).fill(40))] };
      const order = (result: { rows: RankedRow[] }) =>
        result.rows.map((row) => row.applicationId).filter((id) => id === 'a8' || id === 'a9');
      expect(rank(before).methodUsed).toBe('normalised');
      expect(order(rank(before))).toEqual(['a8', 'a9']);
      expect(order(rank(after))).toEqual(['a9', 'a8']);
    });

    it('is refused when a juror scored fewer than 8 applications: the mean is used, with notes naming the juror', () => {
      const result = rank(
        input({
          method: 'normalised',
          applications,
          scorecards: scorecards.filter((card) => !(card.jurorId === 'j2' && card.applicationId === 'h')),
        }),
      );
      expect(result.methodRequested).toBe('normalised');
      expect(result.methodUsed).toBe('mean');
      expect(result.notes).toEqual(['normalised_refused:too_few_per_juror', 'normalised_refused_juror:j2:7']);
      expect(byId(result.rows).a.score).toBe(54);
    });
  });

  describe('tie-break chain', () => {
    const criteria: Criterion[] = [
      { id: 'impact', weight: 1, maxPoints: 10, tieBreakOrder: 1 },
      { id: 'cost', weight: 1, maxPoints: 10, tieBreakOrder: null },
    ];
    // p: 45, 45, 60 → mean 50, median 45, impact mean 8, cost mean 2
    // q: 50, 50, 50 → mean 50, median 50, impact mean 5, cost mean 5
    const scorecards: Scorecard[] = [
      { jurorId: 'j1', applicationId: 'p', points: { impact: 9, cost: 0 } },
      { jurorId: 'j2', applicationId: 'p', points: { impact: 9, cost: 0 } },
      { jurorId: 'j3', applicationId: 'p', points: { impact: 6, cost: 6 } },
      { jurorId: 'j1', applicationId: 'q', points: { impact: 5, cost: 5 } },
      { jurorId: 'j2', applicationId: 'q', points: { impact: 5, cost: 5 } },
      { jurorId: 'j3', applicationId: 'q', points: { impact: 5, cost: 5 } },
    ];
    const applications = [
      { id: 'p', themeId: 't' },
      { id: 'q', themeId: 't' },
    ];

    it('a tie-break criterion comes before the median', () => {
      const result = rank(input({ criteria, applications, scorecards }));
      expect(result.rows.map((row) => row.score)).toEqual([50, 50]);
      expect(places(result.rows)).toEqual([
        { applicationId: 'p', rank: 1, decidedBy: null, unresolvedTie: false },
        { applicationId: 'q', rank: 2, decidedBy: 'criterion:impact', unresolvedTie: false },
      ]);
    });

    it('without tie-break criteria the median decides', () => {
      const plain = criteria.map((criterion) => ({ ...criterion, tieBreakOrder: null }));
      expect(places(rank(input({ criteria: plain, applications, scorecards })).rows)).toEqual([
        { applicationId: 'q', rank: 1, decidedBy: null, unresolvedTie: false },
        { applicationId: 'p', rank: 2, decidedBy: 'median', unresolvedTie: false },
      ]);
    });

    it('tie-break criteria go by their order, lowest first', () => {
      const reordered = [
        { ...criteria[0], tieBreakOrder: 2 },
        { ...criteria[1], tieBreakOrder: 1 },
      ];
      expect(places(rank(input({ criteria: reordered, applications, scorecards })).rows)).toEqual([
        { applicationId: 'q', rank: 1, decidedBy: null, unresolvedTie: false },
        { applicationId: 'p', rank: 2, decidedBy: 'criterion:cost', unresolvedTie: false },
      ]);
    });
  });

  describe('ties the chain cannot break', () => {
    const applications = ['x', 'y', 'w', 'z'].map((id) => ({ id, themeId: 't' }));
    // x, y and w identical; z lower
    const scorecards = [
      ...cards('x', [70, 80]),
      ...cards('y', [70, 80]),
      ...cards('w', [70, 80]),
      ...cards('z', [60, 70]),
    ];

    it('share a rank, marked unresolved; the next rank skips', () => {
      expect(places(rank(input({ applications, scorecards })).rows)).toEqual([
        { applicationId: 'w', rank: 1, decidedBy: null, unresolvedTie: true },
        { applicationId: 'x', rank: 1, decidedBy: null, unresolvedTie: true },
        { applicationId: 'y', rank: 1, decidedBy: null, unresolvedTie: true },
        { applicationId: 'z', rank: 4, decidedBy: 'score', unresolvedTie: false },
      ]);
    });

    it('are decided by the committee order when it names all of them; it never overrides the chain', () => {
      const result = rank(input({ applications, scorecards, committeeOrder: { t: ['z', 'y', 'w', 'x'] } }));
      expect(places(result.rows)).toEqual([
        { applicationId: 'y', rank: 1, decidedBy: null, unresolvedTie: false },
        { applicationId: 'w', rank: 2, decidedBy: 'committee', unresolvedTie: false },
        { applicationId: 'x', rank: 3, decidedBy: 'committee', unresolvedTie: false },
        { applicationId: 'z', rank: 4, decidedBy: 'score', unresolvedTie: false },
      ]);
      expect(result.notes).toEqual([]);
    });

    it('stay unresolved, with a note, when the committee order names only some of them', () => {
      const result = rank(input({ applications, scorecards, committeeOrder: { t: ['y', 'x'], other: ['w'] } }));
      expect(result.rows.map((row) => row.rank)).toEqual([1, 1, 1, 4]);
      expect(result.rows.slice(0, 3).every((row) => row.unresolvedTie)).toBe(true);
      expect(result.notes).toEqual(['committee_order_incomplete:t:w,x,y']);
    });
  });

  it('leaves applications without a juror total unranked, last in their theme', () => {
    const result = rank(
      input({
        criteria: [IMPACT, COST],
        applications: [
          { id: 'none', themeId: 't' },
          { id: 'abstained', themeId: 't' },
          { id: 'scored', themeId: 't' },
        ],
        scorecards: [
          { jurorId: 'j1', applicationId: 'abstained', points: { impact: null, cost: null } },
          { jurorId: 'j1', applicationId: 'scored', points: { impact: 1, cost: 0 } },
        ],
        minAwardScore: 0,
      }),
    );
    expect(result.rows.map((row) => [row.applicationId, row.rank])).toEqual([
      ['scored', 1],
      ['abstained', null],
      ['none', null],
    ]);
    expect(byId(result.rows).none).toEqual({
      applicationId: 'none',
      themeId: 't',
      rank: null,
      score: null,
      jurors: 0,
      totals: [],
      criterionMeans: { cost: null, impact: null },
      median: null,
      sd: null,
      range: null,
      flagged: false,
      eligibleForAward: false,
      decidedBy: null,
      unresolvedTie: false,
    });
  });

  it('ranks per theme, themes in ascending order, and marks award eligibility and disagreement', () => {
    const result = rank(
      input({
        applications: [
          { id: 'b1', themeId: 'tb' },
          { id: 'a1', themeId: 'ta' },
          { id: 'a2', themeId: 'ta' },
          { id: 'b2', themeId: 'tb' },
        ],
        scorecards: [
          ...cards('a1', [50, 70]),
          ...cards('a2', [60, 61]),
          ...cards('b1', [40, 80]),
          ...cards('b2', [20]),
        ],
        minAwardScore: 60,
        disagreementThreshold: 10,
      }),
    );
    expect(result.rows.map((row) => [row.themeId, row.applicationId, row.rank, row.score, row.sd])).toEqual([
      ['ta', 'a2', 1, 60.5, 0.5],
      ['ta', 'a1', 2, 60, 10],
      ['tb', 'b1', 1, 60, 20],
      ['tb', 'b2', 2, 20, 0],
    ]);
    // SD 10 is not above the threshold 10; 20 is. Score 60 meets the minimum 60.
    expect(result.rows.map((row) => [row.flagged, row.eligibleForAward])).toEqual([
      [false, true],
      [false, true],
      [true, true],
      [false, false],
    ]);
    // the default threshold is 15
    expect(
      rank(input({ applications: [{ id: 'a', themeId: 't' }], scorecards: cards('a', [40, 70]) })).rows[0].flagged,
    ).toBe(false);
  });

  it('rejects invalid input', () => {
    const applications = [{ id: 'a', themeId: 't' }];
    expect(() => rank(input({ applications, scorecards: cards('b', [50]) }))).toThrow(/not listed/);
    expect(() => rank(input({ applications, scorecards: [...cards('a', [50]), ...cards('a', [60])] }))).toThrow(
      /two scorecards/,
    );
    expect(() => rank(input({ applications: [...applications, ...applications] }))).toThrow(/listed twice/);
    expect(() => rank(input({ applications, scorecards: cards('a', [101]) }))).toThrow(RangeError);
  });
});

describe('sensitivity', () => {
  const applications = [
    { id: 'm', themeId: 't' },
    { id: 'n', themeId: 't' },
    { id: 'o', themeId: 'u' },
  ];
  // m: mean 60, median 90; n: 70 whichever way
  const scorecards = [...cards('m', [0, 90, 90]), ...cards('n', [70, 70, 70]), ...cards('o', [50, 50, 50])];

  it('lists the winners under every method and says when they differ from the requested one', () => {
    expect(sensitivity(input({ applications, scorecards }))).toEqual({
      methods: [
        { method: 'mean', used: 'mean', winners: { t: ['n'], u: ['o'] } },
        { method: 'median', used: 'median', winners: { t: ['m'], u: ['o'] } },
        { method: 'trimmed_mean', used: 'trimmed_mean', winners: { t: ['n'], u: ['o'] } },
        { method: 'normalised', used: 'mean', winners: { t: ['n'], u: ['o'] } },
      ],
      differs: true,
    });
  });

  it('compares the top n in rank order', () => {
    const result = sensitivity(input({ method: 'median', applications, scorecards }), 2);
    expect(result.methods.map((entry) => entry.winners.t)).toEqual([
      ['n', 'm'],
      ['m', 'n'],
      ['n', 'm'],
      ['n', 'm'],
    ]);
    expect(result.differs).toBe(true);
  });

  it('does not differ when every method has the same winners', () => {
    const clear = [...cards('m', [90, 90, 80]), ...cards('n', [10, 20, 10]), ...cards('o', [50, 50, 50])];
    expect(sensitivity(input({ applications, scorecards: clear })).differs).toBe(false);
  });
});
