import { jurorTotal } from './juror-total';
import type { Criterion } from './types';

const IMPACT: Criterion = { id: 'impact', weight: 2, maxPoints: 10, tieBreakOrder: 1 };
const COST: Criterion = { id: 'cost', weight: 1, maxPoints: 5, tieBreakOrder: null };

describe('jurorTotal', () => {
  it('is the weighted share of the maximum, 0–100', () => {
    // (2 × 8 + 1 × 4) / (2 × 10 + 1 × 5) = 20 / 25
    expect(jurorTotal({ impact: 8, cost: 4 }, [IMPACT, COST])).toBe(80);
    // (2 × 10 + 0) / 25
    expect(jurorTotal({ impact: 10, cost: 0 }, [IMPACT, COST])).toBe(80);
    // (0 + 5) / 25
    expect(jurorTotal({ impact: 0, cost: 5 }, [IMPACT, COST])).toBe(20);
  });

  it('leaves an abstained criterion out of both the sum and the maximum', () => {
    // 2 × 7 / (2 × 10)
    expect(jurorTotal({ impact: 7, cost: null }, [IMPACT, COST])).toBe(70);
    // 1 × 4 / (1 × 5)
    expect(jurorTotal({ impact: null, cost: 4 }, [IMPACT, COST])).toBe(80);
    // a missing criterion counts as an abstention
    expect(jurorTotal({ impact: 7 }, [IMPACT, COST])).toBe(70);
  });

  it('is null when the juror abstained on everything (or there is nothing to score)', () => {
    expect(jurorTotal({ impact: null, cost: null }, [IMPACT, COST])).toBeNull();
    expect(jurorTotal({}, [IMPACT, COST])).toBeNull();
    expect(jurorTotal({ impact: 5 }, [])).toBeNull();
    // only a criterion of weight 0 scored: no maximum to share
    expect(
      jurorTotal({ note: 3, impact: null }, [IMPACT, { id: 'note', weight: 0, maxPoints: 5, tieBreakOrder: null }]),
    ).toBeNull();
  });

  it('rounds to 4 decimals and accepts half points', () => {
    const third: Criterion = { id: 'q', weight: 1, maxPoints: 3, tieBreakOrder: null };
    expect(jurorTotal({ q: 1 }, [third])).toBe(33.3333);
    expect(jurorTotal({ q: 2 }, [third])).toBe(66.6667);
    expect(jurorTotal({ impact: 7.5 }, [IMPACT])).toBe(75);
  });

  it('ignores points for ids that are not criteria, and reads only own keys', () => {
    expect(jurorTotal({ impact: 5, other: 99 }, [IMPACT])).toBe(50);
    // 'constructor' is on every object's prototype: still an abstention when not given
    expect(
      jurorTotal({ impact: 5 }, [IMPACT, { id: 'constructor', weight: 1, maxPoints: 5, tieBreakOrder: null }]),
    ).toBe(50);
  });

  it('rejects points outside 0…maxPoints and invalid criteria', () => {
    expect(() => jurorTotal({ impact: 11 }, [IMPACT])).toThrow(RangeError);
    expect(() => jurorTotal({ impact: -1 }, [IMPACT])).toThrow(RangeError);
    expect(() => jurorTotal({ impact: Number.NaN }, [IMPACT])).toThrow(RangeError);
    expect(() => jurorTotal({ impact: 1 }, [IMPACT, IMPACT])).toThrow(RangeError);
    expect(() => jurorTotal({ impact: 1 }, [{ ...IMPACT, maxPoints: 0 }])).toThrow(RangeError);
    expect(() => jurorTotal({ impact: 1 }, [{ ...IMPACT, weight: -1 }])).toThrow(RangeError);
  });
});
