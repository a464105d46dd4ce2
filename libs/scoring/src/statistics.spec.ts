import { mean, median, range, round4, standardDeviation, trimmedMean } from './statistics';

describe('mean', () => {
  it('divides the sum by the count', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([70])).toBe(70);
  });

  it('throws on no values and on values that are not finite numbers', () => {
    expect(() => mean([])).toThrow(RangeError);
    expect(() => mean([1, Number.NaN])).toThrow(RangeError);
  });

  it('does not depend on the order of the values', () => {
    expect(mean([0.1, 0.2, 0.3, 1e6])).toBe(mean([1e6, 0.3, 0.1, 0.2]));
  });
});

describe('median', () => {
  it('takes the middle value of an odd count', () => {
    expect(median([3, 1, 2])).toBe(2);
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('throws on no values', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('trimmedMean', () => {
  it('returns null below 5 values', () => {
    expect(trimmedMean([])).toBeNull();
    expect(trimmedMean([10, 20, 30, 100])).toBeNull();
  });

  it('drops one highest and one lowest value from 5 values on', () => {
    // 10 and 100 dropped: (20 + 30 + 40) / 3
    expect(trimmedMean([100, 20, 10, 40, 30])).toBe(30);
  });

  it('drops only one of several equal extremes', () => {
    // one 1 and one 9 dropped: (1 + 5 + 9) / 3
    expect(trimmedMean([1, 1, 5, 9, 9])).toBe(5);
    expect(trimmedMean([10, 10, 10, 10, 10])).toBe(10);
  });
});

describe('standardDeviation', () => {
  it('is the population SD (divided by the count)', () => {
    // mean 5, squared deviations 9 1 1 1 0 0 4 16 → 32 / 8 = 4
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    // sample SD would be 10 × √2; population: √((100 + 100) / 2) = 10
    expect(standardDeviation([60, 80])).toBe(10);
  });

  it('is 0 for one value and for equal values', () => {
    expect(standardDeviation([42.5])).toBe(0);
    expect(standardDeviation([33.3333, 33.3333, 33.3333])).toBe(0);
  });

  it('throws on no values', () => {
    expect(() => standardDeviation([])).toThrow(RangeError);
  });
});

describe('range', () => {
  it('is the highest minus the lowest value', () => {
    expect(range([3, 9, 1])).toBe(8);
    expect(range([5])).toBe(0);
    expect(() => range([])).toThrow(RangeError);
  });
});

describe('round4', () => {
  it('rounds to 4 decimals and never gives -0', () => {
    expect(round4(100 / 3)).toBe(33.3333);
    expect(round4(200 / 3)).toBe(66.6667);
    expect(Object.is(round4(-0.00001), 0)).toBe(true);
  });
});
