import { planAssignments, PlanInput, PlanResult, Preference } from './plan-assignments';

/** Tiny seeded PRNG (mulberry32), so generated rounds are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: ReadonlyArray<T>, random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

interface GenerateOptions {
  seed: number;
  applications: number;
  jurors: number;
  k: number;
  /** Number of themes; 0 = every juror takes every theme. */
  themes?: number;
  conflictRate?: number;
  preferenceRate?: number;
  existingRate?: number;
}

/** A random round: themes, theme limits, conflicts, preferences and existing assignments as asked. */
function generate(options: GenerateOptions): PlanInput {
  const random = mulberry32(options.seed);
  const themes = Array.from({ length: options.themes ?? 0 }, (_, i) => `theme-${i}`);
  const applications = Array.from({ length: options.applications }, (_, i) => ({
    id: `app-${pad(i, 4)}`,
    themeId: themes.length > 0 ? themes[Math.floor(random() * themes.length)] : 'theme-0',
  }));
  const jurors = Array.from({ length: options.jurors }, (_, j) => ({
    id: `juror-${pad(j, 3)}`,
    themeIds: themes.length > 0 && random() < 0.6 ? themes.filter(() => random() < 0.5) : [],
  }));
  const conflicts: PlanInput['conflicts'][number][] = [];
  const preferences: PlanInput['preferences'][number][] = [];
  const existing: PlanInput['existing'][number][] = [];
  for (const application of applications) {
    for (const juror of jurors) {
      const pair = { applicationId: application.id, jurorId: juror.id };
      if (random() < (options.conflictRate ?? 0)) conflicts.push(pair);
      if (random() < (options.existingRate ?? 0)) existing.push(pair);
      if (random() < (options.preferenceRate ?? 0)) {
        const preference: Preference = random() < 0.5 ? 'keen' : 'rather_not';
        preferences.push({ ...pair, preference });
      }
    }
  }
  return { k: options.k, applications, jurors, existing, conflicts, preferences };
}

const pairKey = (pair: { applicationId: string; jurorId: string }) => `${pair.applicationId}|${pair.jurorId}`;

function mayTake(input: PlanInput, applicationId: string, jurorId: string): boolean {
  const application = input.applications.find((a) => a.id === applicationId)!;
  const juror = input.jurors.find((j) => j.id === jurorId)!;
  const inTheme = juror.themeIds.length === 0 || juror.themeIds.includes(application.themeId);
  return inTheme && !input.conflicts.some((c) => c.applicationId === applicationId && c.jurorId === jurorId);
}

/** Checks every hard rule and the bookkeeping of a result against its input. */
function expectValidPlan(input: PlanInput, result: PlanResult): void {
  const conflicts = new Set(input.conflicts.map(pairKey));
  const existing = new Set(input.existing.map(pairKey));
  const themesOf = new Map(input.jurors.map((j) => [j.id, j.themeIds]));
  const themeOf = new Map(input.applications.map((a) => [a.id, a.themeId]));
  const perApplication = new Map(input.applications.map((a) => [a.id, 0]));
  const loads = new Map(input.jurors.map((j) => [j.id, 0]));
  for (const pair of existing) {
    const [applicationId, jurorId] = pair.split('|');
    perApplication.set(applicationId, perApplication.get(applicationId)! + 1);
    loads.set(jurorId, loads.get(jurorId)! + 1);
  }
  const existingPerApplication = new Map(perApplication);

  const seen = new Set<string>();
  for (const assignment of result.assignments) {
    const key = pairKey(assignment);
    expect(themeOf.has(assignment.applicationId) && themesOf.has(assignment.jurorId)).toBe(true);
    expect(conflicts.has(key)).toBe(false);
    expect(existing.has(key)).toBe(false);
    expect(seen.has(key)).toBe(false);
    const themes = themesOf.get(assignment.jurorId)!;
    expect(themes.length === 0 || themes.includes(themeOf.get(assignment.applicationId)!)).toBe(true);
    expect(existingPerApplication.get(assignment.applicationId)!).toBeLessThan(input.k);
    seen.add(key);
    perApplication.set(assignment.applicationId, perApplication.get(assignment.applicationId)! + 1);
    loads.set(assignment.jurorId, loads.get(assignment.jurorId)! + 1);
  }

  const sortedAssignments = [...result.assignments].sort((a, b) =>
    a.applicationId === b.applicationId ? compare(a.jurorId, b.jurorId) : compare(a.applicationId, b.applicationId),
  );
  expect(result.assignments).toEqual(sortedAssignments);
  for (const [applicationId, count] of perApplication) {
    const existingCount = existingPerApplication.get(applicationId)!;
    expect(count).toBeLessThanOrEqual(Math.max(input.k, existingCount));
  }
  expect(result.shortfalls.map((s) => s.applicationId)).toEqual(
    [...perApplication].filter(([, count]) => count < input.k).map(([id]) => id),
  );
  for (const shortfall of result.shortfalls) {
    expect(shortfall.assigned).toBe(perApplication.get(shortfall.applicationId));
    expect(shortfall.needed).toBe(input.k);
  }
  expect(result.loads).toEqual(
    [...loads].sort(([a], [b]) => compare(a, b)).map(([jurorId, load]) => ({ jurorId, load })),
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const PREFERENCE_COST: Record<Preference, number> = { keen: 0, neutral: 1, rather_not: 3 };

/**
 * Exhaustive search over every choice of new jurors (up to the missing count) for every
 * application: the lexicographic optimum (filled slots, sum of squared loads, preference cost),
 * and the smallest load spread among the plans that fill the most slots.
 */
function bruteForce(input: PlanInput): { filled: number; squares: number; preferenceCost: number; spread: number } {
  const jurorIds = input.jurors.map((j) => j.id);
  const existing = new Set(input.existing.map(pairKey));
  const preferenceOf = new Map(input.preferences.map((p) => [pairKey(p), p.preference]));
  const baseLoad = jurorIds.map((id) => input.existing.filter((e) => e.jurorId === id).length);
  const eligibleJurors = jurorIds.filter((jurorId) => input.applications.some((a) => mayTake(input, a.id, jurorId)));
  const options = input.applications.map((application) => {
    const missing = Math.max(0, input.k - input.existing.filter((e) => e.applicationId === application.id).length);
    const allowed = jurorIds
      .map((jurorId, j) => ({ jurorId, j }))
      .filter(
        ({ jurorId }) =>
          missing > 0 &&
          mayTake(input, application.id, jurorId) &&
          !existing.has(pairKey({ applicationId: application.id, jurorId })),
      );
    const subsets: Array<Array<{ j: number; cost: number }>> = [];
    const walk = (from: number, chosen: Array<{ j: number; cost: number }>) => {
      subsets.push([...chosen]);
      if (chosen.length === missing) return;
      for (let i = from; i < allowed.length; i++) {
        const preference = preferenceOf.get(pairKey({ applicationId: application.id, jurorId: allowed[i].jurorId }));
        chosen.push({ j: allowed[i].j, cost: PREFERENCE_COST[preference ?? 'neutral'] });
        walk(i + 1, chosen);
        chosen.pop();
      }
    };
    walk(0, []);
    return subsets;
  });

  let best = { filled: -1, squares: Infinity, preferenceCost: Infinity };
  let bestSpread = { filled: -1, spread: Infinity };
  const load = [...baseLoad];
  const search = (a: number, filled: number, preferenceCost: number) => {
    if (a === options.length) {
      const squares = load.reduce((sum, l) => sum + l * l, 0);
      const better =
        filled > best.filled ||
        (filled === best.filled &&
          (squares < best.squares || (squares === best.squares && preferenceCost < best.preferenceCost)));
      if (better) best = { filled, squares, preferenceCost };
      const eligibleLoads = eligibleJurors.map((id) => load[jurorIds.indexOf(id)]);
      const spread = eligibleLoads.length > 0 ? Math.max(...eligibleLoads) - Math.min(...eligibleLoads) : 0;
      if (filled > bestSpread.filled || (filled === bestSpread.filled && spread < bestSpread.spread)) {
        bestSpread = { filled, spread };
      }
      return;
    }
    for (const subset of options[a]) {
      for (const { j } of subset) load[j]++;
      search(
        a + 1,
        filled + subset.length,
        subset.reduce((sum, s) => sum + s.cost, preferenceCost),
      );
      for (const { j } of subset) load[j]--;
    }
  };
  search(0, 0, 0);
  return { ...best, spread: bestSpread.spread };
}

function objective(input: PlanInput, result: PlanResult) {
  const preferenceOf = new Map(input.preferences.map((p) => [pairKey(p), p.preference]));
  return {
    filled: result.assignments.length,
    squares: result.loads.reduce((sum, l) => sum + l.load * l.load, 0),
    preferenceCost: result.assignments.reduce(
      (sum, a) => sum + PREFERENCE_COST[preferenceOf.get(pairKey(a)) ?? 'neutral'],
      0,
    ),
    spread: result.loadSpread,
  };
}

const base: PlanInput = { k: 1, applications: [], jurors: [], existing: [], conflicts: [], preferences: [] };

describe('planAssignments', () => {
  it('finds the single optimum of a small hand-checked round', () => {
    // a1, a2 in t1; a3, a4 in t2; A takes t1, B takes t2, C takes everything. Four slots over
    // three jurors: loads 2/1/1 in some order. A is rather_not on a1, C rather_not on a3, B keen
    // on a4: the only balanced plan of preference cost 3 is a1→C, a2→A, a3→B, a4→B.
    const input: PlanInput = {
      ...base,
      k: 1,
      applications: [
        { id: 'a1', themeId: 't1' },
        { id: 'a2', themeId: 't1' },
        { id: 'a3', themeId: 't2' },
        { id: 'a4', themeId: 't2' },
      ],
      jurors: [
        { id: 'A', themeIds: ['t1'] },
        { id: 'B', themeIds: ['t2'] },
        { id: 'C', themeIds: [] },
      ],
      preferences: [
        { applicationId: 'a1', jurorId: 'A', preference: 'rather_not' },
        { applicationId: 'a3', jurorId: 'C', preference: 'rather_not' },
        { applicationId: 'a4', jurorId: 'B', preference: 'keen' },
      ],
    };
    expect(planAssignments(input)).toEqual({
      assignments: [
        { applicationId: 'a1', jurorId: 'C' },
        { applicationId: 'a2', jurorId: 'A' },
        { applicationId: 'a3', jurorId: 'B' },
        { applicationId: 'a4', jurorId: 'B' },
      ],
      shortfalls: [],
      loads: [
        { jurorId: 'A', load: 1 },
        { jurorId: 'B', load: 2 },
        { jurorId: 'C', load: 1 },
      ],
      preferenceCounts: { keen: 1, neutral: 3, rather_not: 0 },
      loadSpread: 1,
    });
  });

  it('fills every application with k distinct jurors when the pool allows it', () => {
    const input: PlanInput = {
      ...base,
      k: 2,
      applications: ['a1', 'a2', 'a3'].map((id) => ({ id, themeId: 't' })),
      jurors: ['A', 'B', 'C'].map((id) => ({ id, themeIds: [] })),
    };
    const result = planAssignments(input);
    expectValidPlan(input, result);
    expect(result.assignments).toHaveLength(6);
    expect(result.loads.map((l) => l.load)).toEqual([2, 2, 2]);
    expect(result.loadSpread).toBe(0);
  });

  it('gives the application to a keen juror over a rather_not one when balance is equal', () => {
    const input: PlanInput = {
      ...base,
      applications: [{ id: 'a1', themeId: 't' }],
      jurors: ['A', 'B', 'C'].map((id) => ({ id, themeIds: [] })),
      preferences: [
        { applicationId: 'a1', jurorId: 'A', preference: 'rather_not' },
        { applicationId: 'a1', jurorId: 'C', preference: 'keen' },
      ],
    };
    expect(planAssignments(input).assignments).toEqual([{ applicationId: 'a1', jurorId: 'C' }]);
    // with two seats the neutral juror B comes before the rather_not A
    const two = planAssignments({ ...input, k: 2 });
    expect(two.assignments).toEqual([
      { applicationId: 'a1', jurorId: 'B' },
      { applicationId: 'a1', jurorId: 'C' },
    ]);
    expect(two.preferenceCounts).toEqual({ keen: 1, neutral: 1, rather_not: 0 });
  });

  it('avoids a rather_not juror when another plan is as balanced', () => {
    const input: PlanInput = {
      ...base,
      applications: [
        { id: 'a1', themeId: 't' },
        { id: 'a2', themeId: 't' },
      ],
      jurors: [
        { id: 'A', themeIds: [] },
        { id: 'B', themeIds: [] },
      ],
      preferences: [{ applicationId: 'a1', jurorId: 'A', preference: 'rather_not' }],
    };
    const result = planAssignments(input);
    expect(result.assignments).toEqual([
      { applicationId: 'a1', jurorId: 'B' },
      { applicationId: 'a2', jurorId: 'A' },
    ]);
    expect(result.preferenceCounts.rather_not).toBe(0);
  });

  it('puts balance before preferences', () => {
    // A is keen on all four, B rather_not on all four: still two each.
    const applications = ['a1', 'a2', 'a3', 'a4'].map((id) => ({ id, themeId: 't' }));
    const input: PlanInput = {
      ...base,
      applications,
      jurors: [
        { id: 'A', themeIds: [] },
        { id: 'B', themeIds: [] },
      ],
      preferences: applications.flatMap((a) => [
        { applicationId: a.id, jurorId: 'A', preference: 'keen' as const },
        { applicationId: a.id, jurorId: 'B', preference: 'rather_not' as const },
      ]),
    };
    const result = planAssignments(input);
    expect(result.loads).toEqual([
      { jurorId: 'A', load: 2 },
      { jurorId: 'B', load: 2 },
    ]);
    expect(result.preferenceCounts).toEqual({ keen: 2, neutral: 0, rather_not: 2 });
  });

  it('puts filled slots before balance and preferences', () => {
    // A already carries five assignments and is rather_not on x, but only A may take x: A gets it.
    const others = ['o1', 'o2', 'o3', 'o4', 'o5'];
    const input: PlanInput = {
      ...base,
      applications: [{ id: 'x', themeId: 'rare' }, ...others.map((id) => ({ id, themeId: 'common' }))],
      jurors: [
        { id: 'A', themeIds: [] },
        { id: 'B', themeIds: ['common'] },
        { id: 'C', themeIds: [] },
      ],
      existing: others.map((id) => ({ applicationId: id, jurorId: 'A' })),
      conflicts: [{ applicationId: 'x', jurorId: 'C' }],
      preferences: [{ applicationId: 'x', jurorId: 'A', preference: 'rather_not' }],
    };
    const result = planAssignments(input);
    expect(result.assignments).toEqual([{ applicationId: 'x', jurorId: 'A' }]);
    expect(result.shortfalls).toEqual([]);
    expect(result.loads).toEqual([
      { jurorId: 'A', load: 6 },
      { jurorId: 'B', load: 0 },
      { jurorId: 'C', load: 0 },
    ]);
    expect(result.loadSpread).toBe(6);
    expect(result.preferenceCounts).toEqual({ keen: 0, neutral: 0, rather_not: 1 });
  });

  it('respects conflicts and theme limits', () => {
    const input: PlanInput = {
      ...base,
      k: 2,
      applications: [
        { id: 'a1', themeId: 't1' },
        { id: 'a2', themeId: 't2' },
      ],
      jurors: [
        { id: 'A', themeIds: ['t1'] },
        { id: 'B', themeIds: ['t2'] },
        { id: 'C', themeIds: ['t1', 't2'] },
        { id: 'D', themeIds: [] },
      ],
      conflicts: [
        { applicationId: 'a1', jurorId: 'D' },
        { applicationId: 'a2', jurorId: 'C' },
      ],
    };
    const result = planAssignments(input);
    expectValidPlan(input, result);
    expect(result.assignments).toEqual([
      { applicationId: 'a1', jurorId: 'A' },
      { applicationId: 'a1', jurorId: 'C' },
      { applicationId: 'a2', jurorId: 'B' },
      { applicationId: 'a2', jurorId: 'D' },
    ]);

    const generated = generate({ seed: 5, applications: 60, jurors: 8, k: 3, themes: 4, conflictRate: 0.2 });
    expectValidPlan(generated, planAssignments(generated));
  });

  it('reports shortfalls with the numbers of candidates, conflicted jurors and jurors outside the themes', () => {
    const input: PlanInput = {
      ...base,
      k: 3,
      applications: [
        { id: 'a1', themeId: 't1' },
        { id: 'a2', themeId: 't2' },
      ],
      jurors: [
        { id: 'A', themeIds: ['t1'] },
        { id: 'B', themeIds: ['t2'] },
        { id: 'C', themeIds: [] },
        { id: 'D', themeIds: [] },
        { id: 'E', themeIds: ['t3'] },
      ],
      conflicts: [
        { applicationId: 'a1', jurorId: 'C' },
        // both outside the theme and conflicted: counted once, as outside the themes
        { applicationId: 'a1', jurorId: 'B' },
      ],
    };
    const result = planAssignments(input);
    expectValidPlan(input, result);
    expect(result.shortfalls).toEqual([
      { applicationId: 'a1', needed: 3, assigned: 2, candidates: 2, conflicted: 1, outsideThemes: 2 },
    ]);
    expect(result.assignments.filter((a) => a.applicationId === 'a1').map((a) => a.jurorId)).toEqual(['A', 'D']);
    expect(result.assignments.filter((a) => a.applicationId === 'a2').map((a) => a.jurorId)).toEqual(['B', 'C', 'D']);
  });

  it('reports every application as short when there are no jurors', () => {
    const result = planAssignments({ ...base, k: 2, applications: [{ id: 'a1', themeId: 't' }] });
    expect(result).toEqual({
      assignments: [],
      shortfalls: [{ applicationId: 'a1', needed: 2, assigned: 0, candidates: 0, conflicted: 0, outsideThemes: 0 }],
      loads: [],
      preferenceCounts: { keen: 0, neutral: 0, rather_not: 0 },
      loadSpread: 0,
    });
    expect(planAssignments(base).loadSpread).toBe(0);
  });

  it('counts existing assignments toward k and the loads, and never duplicates them', () => {
    const input: PlanInput = {
      ...base,
      k: 2,
      applications: ['a1', 'a2', 'a3'].map((id) => ({ id, themeId: 't' })),
      jurors: ['A', 'B', 'C'].map((id) => ({ id, themeIds: [] })),
      existing: [
        { applicationId: 'a1', jurorId: 'A' },
        { applicationId: 'a2', jurorId: 'A' },
        { applicationId: 'a2', jurorId: 'B' },
        { applicationId: 'a3', jurorId: 'A' },
        { applicationId: 'a3', jurorId: 'B' },
        { applicationId: 'a3', jurorId: 'C' },
        { applicationId: 'a3', jurorId: 'C' }, // a duplicate counts once
      ],
      // A would love a1 again, but A already has it
      preferences: [{ applicationId: 'a1', jurorId: 'A', preference: 'keen' }],
    };
    const result = planAssignments(input);
    expectValidPlan(input, result);
    // a2 and a3 are full (a3 over full); a1 needs one more: C (load 1→2) rather than B (2→3).
    expect(result.assignments).toEqual([{ applicationId: 'a1', jurorId: 'C' }]);
    expect(result.loads).toEqual([
      { jurorId: 'A', load: 3 },
      { jurorId: 'B', load: 2 },
      { jurorId: 'C', load: 2 },
    ]);
    expect(result.shortfalls).toEqual([]);
  });

  it('lets existing assignments stand even where a conflict or theme limit would forbid a new one', () => {
    const input: PlanInput = {
      ...base,
      k: 2,
      applications: [{ id: 'a1', themeId: 't1' }],
      jurors: [
        { id: 'A', themeIds: ['t2'] },
        { id: 'B', themeIds: [] },
      ],
      existing: [{ applicationId: 'a1', jurorId: 'A' }],
      conflicts: [{ applicationId: 'a1', jurorId: 'B' }],
    };
    const result = planAssignments(input);
    expect(result.assignments).toEqual([]);
    expect(result.shortfalls).toEqual([
      { applicationId: 'a1', needed: 2, assigned: 1, candidates: 0, conflicted: 1, outsideThemes: 1 },
    ]);
    expect(result.loads).toEqual([
      { jurorId: 'A', load: 1 },
      { jurorId: 'B', load: 0 },
    ]);
    expect(result.loadSpread).toBe(0); // neither may take a1
  });

  it('leaves jurors who may take nothing in this round out of the load spread', () => {
    const input: PlanInput = {
      ...base,
      applications: ['a1', 'a2'].map((id) => ({ id, themeId: 't1' })),
      jurors: [
        { id: 'A', themeIds: [] },
        { id: 'B', themeIds: ['t1'] },
        { id: 'Z', themeIds: ['t9'] },
      ],
    };
    const result = planAssignments(input);
    expect(result.loads.map((l) => l.load)).toEqual([1, 1, 0]);
    expect(result.loadSpread).toBe(0);
  });

  it('ignores conflicts, preferences and existing assignments that name unknown ids', () => {
    const input: PlanInput = {
      ...base,
      applications: [{ id: 'a1', themeId: 't' }],
      jurors: [{ id: 'A', themeIds: [] }],
      existing: [
        { applicationId: 'a1', jurorId: 'ghost' },
        { applicationId: 'nope', jurorId: 'A' },
      ],
      conflicts: [
        { applicationId: 'a1', jurorId: 'ghost' },
        { applicationId: 'nope', jurorId: 'A' },
      ],
      preferences: [{ applicationId: 'nope', jurorId: 'A', preference: 'rather_not' }],
    };
    expect(planAssignments(input)).toEqual({
      assignments: [{ applicationId: 'a1', jurorId: 'A' }],
      shortfalls: [],
      loads: [{ jurorId: 'A', load: 1 }],
      preferenceCounts: { keen: 0, neutral: 1, rather_not: 0 },
      loadSpread: 0,
    });
  });

  it('rejects k below one, duplicate ids and contradictory preferences', () => {
    const input: PlanInput = {
      ...base,
      applications: [{ id: 'a1', themeId: 't' }],
      jurors: [{ id: 'A', themeIds: [] }],
    };
    expect(() => planAssignments({ ...input, k: 0 })).toThrow(Error);
    expect(() => planAssignments({ ...input, k: -2 })).toThrow(Error);
    expect(() => planAssignments({ ...input, k: 1.5 })).toThrow(Error);
    expect(() =>
      planAssignments({ ...input, applications: [...input.applications, { id: 'a1', themeId: 'u' }] }),
    ).toThrow(/duplicate application id a1/);
    expect(() => planAssignments({ ...input, jurors: [...input.jurors, { id: 'A', themeIds: ['t'] }] })).toThrow(
      /duplicate juror id A/,
    );
    expect(() =>
      planAssignments({
        ...input,
        preferences: [
          { applicationId: 'a1', jurorId: 'A', preference: 'keen' },
          { applicationId: 'a1', jurorId: 'A', preference: 'rather_not' },
        ],
      }),
    ).toThrow(Error);
    // the same preference twice is fine
    const same = { applicationId: 'a1', jurorId: 'A', preference: 'keen' as const };
    expect(planAssignments({ ...input, preferences: [same, same] }).preferenceCounts.keen).toBe(1);
  });

  it('matches an exhaustive search on small random rounds', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const input = generate({
        seed,
        applications: 2 + (seed % 3),
        jurors: 2 + (seed % 3),
        k: 1 + (seed % 2),
        themes: seed % 4,
        conflictRate: 0.2,
        preferenceRate: 0.4,
        existingRate: 0.15,
      });
      const result = planAssignments(input);
      expectValidPlan(input, result);
      expect({ seed, ...objective(input, result) }).toEqual({ seed, ...bruteForce(input) });
    }
  });

  it('plans 300 applications × 15 jurors × k=3 with random conflicts: three jurors each, 60 per juror', () => {
    const input = generate({
      seed: 2026,
      applications: 300,
      jurors: 15,
      k: 3,
      conflictRate: 0.05,
      preferenceRate: 0.2,
    });
    expect(input.conflicts.length).toBeGreaterThan(150);
    const result = planAssignments(input);
    expectValidPlan(input, result);
    expect(result.shortfalls).toEqual([]);
    expect(result.assignments).toHaveLength(900);
    const perApplication = new Map<string, string[]>();
    for (const a of result.assignments) {
      perApplication.set(a.applicationId, [...(perApplication.get(a.applicationId) ?? []), a.jurorId]);
    }
    for (const application of input.applications) {
      const jurors = perApplication.get(application.id)!;
      expect(new Set(jurors).size).toBe(3);
      for (const jurorId of jurors) expect(mayTake(input, application.id, jurorId)).toBe(true);
    }
    expect(result.loads.every((l) => l.load === 60)).toBe(true);
    expect(result.loadSpread).toBe(0);
  });

  it('leaves no single move that would even out the loads on a 300 × 15 round with themes and existing work', () => {
    const input = generate({
      seed: 99,
      applications: 300,
      jurors: 15,
      k: 3,
      themes: 5,
      conflictRate: 0.05,
      preferenceRate: 0.2,
      existingRate: 0.02,
    });
    const result = planAssignments(input);
    expectValidPlan(input, result);
    const load = new Map(result.loads.map((l) => [l.jurorId, l.load]));
    const taken = new Set([...input.existing, ...result.assignments].map(pairKey));
    for (const shortfall of result.shortfalls) {
      expect(shortfall.assigned).toBeLessThan(3);
      expect(shortfall.candidates).toBe(
        input.jurors.filter((j) => mayTake(input, shortfall.applicationId, j.id)).length,
      );
    }
    // No new assignment could move to a juror with at least two fewer assignments.
    for (const assignment of result.assignments) {
      for (const juror of input.jurors) {
        if (taken.has(pairKey({ applicationId: assignment.applicationId, jurorId: juror.id }))) continue;
        if (!mayTake(input, assignment.applicationId, juror.id)) continue;
        expect(load.get(juror.id)!).toBeGreaterThanOrEqual(load.get(assignment.jurorId)! - 1);
      }
    }
  });

  it('is deterministic: the same output on a second run and on shuffled input', () => {
    const input = generate({
      seed: 314,
      applications: 300,
      jurors: 15,
      k: 3,
      themes: 3,
      conflictRate: 0.05,
      preferenceRate: 0.3,
      existingRate: 0.01,
    });
    const first = JSON.stringify(planAssignments(input));
    expect(JSON.stringify(planAssignments(input))).toBe(first);

    const random = mulberry32(271828);
    const shuffledInput: PlanInput = {
      k: input.k,
      applications: shuffled(input.applications, random),
      jurors: shuffled(input.jurors, random).map((j) => ({ ...j, themeIds: shuffled(j.themeIds, random) })),
      existing: shuffled(input.existing, random),
      conflicts: shuffled([...input.conflicts, ...input.conflicts.slice(0, 10)], random),
      preferences: shuffled(input.preferences, random),
    };
    expect(JSON.stringify(planAssignments(shuffledInput))).toBe(first);
  });
});
