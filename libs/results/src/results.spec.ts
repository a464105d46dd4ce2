import type { RankedRow } from '@portal/scoring';
import { DEFAULT_AWARD_LEVELS, followsRanking } from './decisions.service';
import { snapshotChanges, type ResultsSnapshot } from './snapshot';

function row(applicationId: string, rank: number | null, eligibleForAward = true): RankedRow {
  return {
    applicationId,
    themeId: 't',
    rank,
    score: rank === null ? null : 100 - rank,
    jurors: 3,
    totals: [],
    criterionMeans: {},
    median: null,
    sd: null,
    range: null,
    flagged: false,
    eligibleForAward,
    decidedBy: null,
    unresolvedTie: false,
  };
}

const levels = [...DEFAULT_AWARD_LEVELS];

describe('followsRanking', () => {
  const ranking = [row('a', 1), row('b', 2), row('c', 3)];

  it('holds when the awarded are the best-ranked, in order, with levels not rising down the list', () => {
    expect(followsRanking([{ applicationId: 'a', level: 'winner' }], ranking, levels)).toBe(true);
    expect(
      followsRanking(
        [
          { applicationId: 'a', level: 'winner' },
          { applicationId: 'b', level: 'commendation' },
        ],
        ranking,
        levels,
      ),
    ).toBe(true);
    expect(followsRanking([], ranking, levels)).toBe(true);
  });

  it('fails for another application, another order, or a higher level further down', () => {
    expect(followsRanking([{ applicationId: 'b', level: 'winner' }], ranking, levels)).toBe(false);
    expect(
      followsRanking(
        [
          { applicationId: 'b', level: 'winner' },
          { applicationId: 'a', level: 'winner' },
        ],
        ranking,
        levels,
      ),
    ).toBe(false);
    expect(
      followsRanking(
        [
          { applicationId: 'a', level: 'commendation' },
          { applicationId: 'b', level: 'winner' },
        ],
        ranking,
        levels,
      ),
    ).toBe(false);
  });

  it('skips applications below the award minimum, and lets either side of an unresolved tie go first', () => {
    const withMinimum = [row('a', 1, false), row('b', 2), row('c', 3)];
    expect(followsRanking([{ applicationId: 'b', level: 'winner' }], withMinimum, levels)).toBe(true);
    expect(followsRanking([{ applicationId: 'a', level: 'winner' }], withMinimum, levels)).toBe(false);
    const tie = [row('a', 1), row('b', 1), row('c', 3)];
    expect(followsRanking([{ applicationId: 'b', level: 'winner' }], tie, levels)).toBe(true);
  });
});

describe('snapshotChanges', () => {
  const snapshot = (version: number, awards: Array<[string, string, number]>): ResultsSnapshot =>
    ({
      version,
      decisions: [
        {
          themeId: 't',
          awards: awards.map(([applicationId, level, position]) => ({ applicationId, level, position })),
        },
      ],
    }) as unknown as ResultsSnapshot;

  it('names the awards added, removed and changed, and the applications concerned', () => {
    const changes = snapshotChanges(
      snapshot(1, [
        ['a', 'winner', 1],
        ['b', 'commendation', 2],
      ]),
      snapshot(2, [
        ['a', 'special_prize', 1],
        ['c', 'commendation', 2],
      ]),
    );
    expect(changes).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      added: [{ applicationId: 'c', level: 'commendation' }],
      removed: [{ applicationId: 'b', level: 'commendation' }],
      changed: [{ applicationId: 'a', from: { level: 'winner' }, to: { level: 'special_prize' } }],
      applications: ['a', 'b', 'c'],
    });
  });
});
