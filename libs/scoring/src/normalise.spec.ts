import { normalise } from './normalise';

/** Totals of one juror for applications a0, a1, … */
function juror(jurorId: string, totals: number[]) {
  return totals.map((total, index) => ({ jurorId, applicationId: `a${index}`, total }));
}

describe('normalise', () => {
  it('refuses when a juror scored fewer than 8 applications, naming those jurors (sorted) with their counts', () => {
    const result = normalise([
      ...juror('j3', [50, 60, 70, 80, 90]),
      ...juror('j1', Array(8).fill(50)),
      ...juror('j2', [1, 2, 3]),
    ]);
    expect(result).toEqual({
      ok: false,
      reason: 'too_few_per_juror',
      minimum: 8,
      jurors: [
        { jurorId: 'j2', scored: 3 },
        { jurorId: 'j3', scored: 5 },
      ],
    });
  });

  it('takes another minimum', () => {
    expect(normalise(juror('j1', [50, 60, 70]), 3).ok).toBe(true);
    expect(normalise(juror('j1', [50, 60, 70]), 4)).toMatchObject({
      ok: false,
      jurors: [{ jurorId: 'j1', scored: 3 }],
    });
  });

  it('maps each juror’s z-scores to the panel’s mean and SD; a juror with SD 0 gets the panel mean', () => {
    // j1: mean 70, SD 10 → z −1, +1; j2: all 40 → z 0.
    // panel 60 80 40 40: mean 55, SD √((25 + 625 + 225 + 225) / 4) = √275 = 16.583124…
    const result = normalise([...juror('j1', [60, 80]), ...juror('j2', [40, 40])], 2);
    expect(result).toEqual({
      ok: true,
      totals: [
        { jurorId: 'j1', applicationId: 'a0', total: 60, normalised: 38.4169 },
        { jurorId: 'j1', applicationId: 'a1', total: 80, normalised: 71.5831 },
        { jurorId: 'j2', applicationId: 'a0', total: 40, normalised: 55 },
        { jurorId: 'j2', applicationId: 'a1', total: 40, normalised: 55 },
      ],
    });
  });

  it('clamps to 0–100', () => {
    // j1: 0 and 100 → z ∓1; panel 0 100 100 100: mean 75, SD √1875 = 43.30127… → 31.6987 and 118.3 → 100
    const result = normalise([...juror('j1', [0, 100]), ...juror('j2', [100, 100])], 2);
    expect(result.ok && result.totals.map((row) => row.normalised)).toEqual([31.6987, 100, 75, 75]);
  });

  it('accepts no totals, and rejects a juror with two totals for one application', () => {
    expect(normalise([])).toEqual({ ok: true, totals: [] });
    expect(() => normalise([...juror('j1', [50]), ...juror('j1', [60])], 1)).toThrow(RangeError);
  });
});
