import { rankRound, topPerTheme } from './ranking';
import { roundState } from './rounds.service';

const IMPACT = { id: 'impact', position: 1, weight: 2, maxPoints: 10, tieBreakOrder: 1 };
const COST = { id: 'cost', position: 2, weight: 1, maxPoints: 5, tieBreakOrder: null };

describe('rankRound', () => {
  it('averages each criterion over the counted scorecards, leaving abstentions out, and weighs the means', () => {
    const [row] = rankRound(
      [IMPACT, COST],
      [{ applicationId: 'a', themeId: 't' }],
      [
        { applicationId: 'a', points: { impact: 9, cost: null } },
        { applicationId: 'a', points: { impact: 6, cost: 4 } },
      ],
    );
    // impact mean 7.5 × 2 + cost mean 4 (one abstention) × 1
    expect(row).toMatchObject({ rank: 1, scorecards: 2, total: 19, maxTotal: 25, percent: 76 });
    expect(row.means).toEqual({ impact: 7.5, cost: 4 });
  });

  it('ranks within each theme, breaks ties by the tie-break criteria, and shares a rank nothing separates', () => {
    const rows = rankRound(
      [IMPACT, COST],
      [
        { applicationId: 'a', themeId: 't1' },
        { applicationId: 'b', themeId: 't1' },
        { applicationId: 'c', themeId: 't1' },
        { applicationId: 'd', themeId: 't1' },
        { applicationId: 'e', themeId: 't2' },
        { applicationId: 'f', themeId: 't1' },
      ],
      [
        { applicationId: 'a', points: { impact: 5, cost: 5 } }, // 15
        { applicationId: 'b', points: { impact: 6, cost: 3 } }, // 15, more impact: ahead of a
        { applicationId: 'c', points: { impact: 5, cost: 5 } }, // 15, same as a
        { applicationId: 'd', points: { impact: 10, cost: 5 } }, // 25
        { applicationId: 'e', points: { impact: 1, cost: 0 } }, // alone in t2
      ],
    );
    const rank = Object.fromEntries(rows.map((r) => [r.applicationId, r.rank]));
    expect(rank).toEqual({ d: 1, b: 2, a: 3, c: 3, e: 1, f: null });
    expect(topPerTheme(rows, 2).sort()).toEqual(['b', 'd', 'e']);
    // ties at the cut all go through
    expect(topPerTheme(rows, 3).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('roundState', () => {
  const round = {
    opensAt: new Date('2026-05-01T08:00:00Z'),
    closesAt: new Date('2026-05-15T21:59:00Z'),
    closedAt: null as Date | null,
  };

  it('is open in [opens, closes): the closing instant itself is closed', () => {
    expect(roundState(round, new Date('2026-05-01T07:59:59.999Z'))).toBe('upcoming');
    expect(roundState(round, new Date('2026-05-01T08:00:00Z'))).toBe('open');
    expect(roundState(round, new Date('2026-05-15T21:58:59.999Z'))).toBe('open');
    expect(roundState(round, new Date('2026-05-15T21:59:00Z'))).toBe('closed');
  });

  it('is closed once a coordinator closed it, whatever the clock says', () => {
    expect(roundState({ ...round, closedAt: new Date('2026-05-10T10:00:00Z') }, new Date('2026-05-02T00:00:00Z'))).toBe(
      'closed',
    );
  });
});
