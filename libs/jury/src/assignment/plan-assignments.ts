import { MinCostFlow } from './min-cost-flow';

export type Preference = 'keen' | 'neutral' | 'rather_not';

export interface PlanInput {
  /** Jurors wanted per application (k). */
  k: number;
  /** The round's applications. */
  applications: ReadonlyArray<{ id: string; themeId: string }>;
  /** The round's jurors; themeIds empty = every theme. */
  jurors: ReadonlyArray<{ id: string; themeIds: ReadonlyArray<string> }>;
  /** Assignments that stay as they are (they count toward k and toward the juror's load). */
  existing: ReadonlyArray<{ applicationId: string; jurorId: string }>;
  /** Pairs that must never be assigned. */
  conflicts: ReadonlyArray<{ applicationId: string; jurorId: string }>;
  /** Missing pair = neutral. */
  preferences: ReadonlyArray<{ applicationId: string; jurorId: string; preference: Preference }>;
}

export interface Shortfall {
  applicationId: string;
  needed: number; // k
  assigned: number; // existing + new after planning
  /** Jurors who could take it at all: in its theme, not conflicted. */
  candidates: number;
  conflicted: number; // jurors excluded by a conflict
  outsideThemes: number; // jurors excluded by their theme limit
}

export interface PlanResult {
  /** New assignments only, sorted by applicationId then jurorId. */
  assignments: Array<{ applicationId: string; jurorId: string }>;
  shortfalls: Shortfall[]; // sorted by applicationId
  /** Final load (existing + new) of every juror, sorted by jurorId. */
  loads: Array<{ jurorId: string; load: number }>;
  /** Among new assignments. */
  preferenceCounts: Record<Preference, number>;
  /** max load - min load over jurors who may take at least one application of the round (0 when none). */
  loadSpread: number;
}

/** Cost of one new assignment by the juror's preference: keen cheapest, rather_not dearest. */
const PREFERENCE_COST: Record<Preference, number> = { keen: 0, neutral: 1, rather_not: 3 };
const MAX_PREFERENCE_COST = 3;
const PREFERENCE_CODES: readonly Preference[] = ['keen', 'neutral', 'rather_not'];
const NEUTRAL_CODE = 1;

/** Bits of the per-(application, juror) pair matrix. */
const CONFLICT = 1;
const EXISTING = 2;

/**
 * Plans new jury assignments for a scoring round as a min-cost max-flow:
 *
 *     source ─(k − existing)→ application ─(1, preference cost)→ juror ─(unit edges, convex cost)→ sink
 *
 * An application→juror edge exists only for an allowed pair (juror's theme limit includes the
 * application's theme, no conflict, not already assigned), and an application already holding
 * k or more existing jurors gets no capacity. The objective is lexicographic:
 *
 * 1. the number of filled slots is maximised (successive shortest paths ends at a maximum flow);
 * 2. then the sum of squared final loads (existing + new) is minimised, which spreads the load
 *    as evenly as the constraints allow (within one where possible): the t-th new unit of a juror
 *    with e existing assignments costs M·(2(e + t) − 1), so the juror's units cost M·((e+T)² − e²)
 *    in all, and M exceeds any possible total preference cost, so balance always beats preference;
 * 3. then preferences: keen 0, neutral 1, rather_not 3 per assignment.
 *
 * Applications and jurors are sorted by id (code-unit order) before the graph is built, and the
 * flow solver is deterministic, so the result depends only on the content of the input, not
 * on the order of its arrays. Conflicts, preferences and existing assignments that name an
 * unknown application or juror are ignored; duplicate pairs count once.
 *
 * @throws Error when k is not an integer ≥ 1, when an application or juror id occurs twice,
 *   or when one pair is given two different preferences.
 */
export function planAssignments(input: PlanInput): PlanResult {
  const { k } = input;
  if (!Number.isInteger(k) || k < 1) throw new Error(`planAssignments: k must be an integer ≥ 1, got ${k}`);

  const applications = [...input.applications].sort((a, b) => compareIds(a.id, b.id));
  const jurors = [...input.jurors].sort((a, b) => compareIds(a.id, b.id));
  const applicationIndex = indexById(applications, 'application');
  const jurorIndex = indexById(jurors, 'juror');
  const appCount = applications.length;
  const jurorCount = jurors.length;

  // Pair matrix (application-major): conflict / existing bits, and the preference code.
  const pairs = new Uint8Array(appCount * jurorCount);
  const preferenceOf = new Uint8Array(appCount * jurorCount).fill(NEUTRAL_CODE);
  const pairIndex = (pair: { applicationId: string; jurorId: string }): number => {
    const a = applicationIndex.get(pair.applicationId);
    const j = jurorIndex.get(pair.jurorId);
    return a === undefined || j === undefined ? -1 : a * jurorCount + j;
  };
  for (const conflict of input.conflicts) {
    const p = pairIndex(conflict);
    if (p >= 0) pairs[p] |= CONFLICT;
  }
  for (const assignment of input.existing) {
    const p = pairIndex(assignment);
    if (p >= 0) pairs[p] |= EXISTING;
  }
  const preferenceSeen = new Uint8Array(appCount * jurorCount);
  for (const { applicationId, jurorId, preference } of input.preferences) {
    const code = PREFERENCE_CODES.indexOf(preference);
    if (code < 0) throw new Error(`planAssignments: unknown preference ${String(preference)}`);
    const p = pairIndex({ applicationId, jurorId });
    if (p < 0) continue;
    if (preferenceSeen[p] && preferenceOf[p] !== code) {
      throw new Error(`planAssignments: contradictory preferences for ${applicationId} / ${jurorId}`);
    }
    preferenceSeen[p] = 1;
    preferenceOf[p] = code;
  }

  // Theme limits: a juror with no theme takes every theme.
  const jurorThemes = jurors.map((juror) => (juror.themeIds.length > 0 ? new Set(juror.themeIds) : null));
  const inTheme = (a: number, j: number): boolean => jurorThemes[j]?.has(applications[a].themeId) ?? true;

  const existingPerApp = new Int32Array(appCount);
  const existingLoad = new Int32Array(jurorCount);
  for (let a = 0; a < appCount; a++) {
    for (let j = 0; j < jurorCount; j++) {
      if (pairs[a * jurorCount + j] & EXISTING) {
        existingPerApp[a]++;
        existingLoad[j]++;
      }
    }
  }

  // Allowed new pairs, the demand of every application, and each juror's largest possible new load.
  const demand = new Int32Array(appCount);
  const maxNewLoad = new Int32Array(jurorCount);
  const eligibleJuror = new Uint8Array(jurorCount);
  const allowed = new Uint8Array(appCount * jurorCount);
  let totalDemand = 0;
  for (let a = 0; a < appCount; a++) {
    demand[a] = Math.max(0, k - existingPerApp[a]);
    totalDemand += demand[a];
    for (let j = 0; j < jurorCount; j++) {
      const p = a * jurorCount + j;
      if (!inTheme(a, j) || pairs[p] & CONFLICT) continue;
      eligibleJuror[j] = 1;
      if (demand[a] > 0 && !(pairs[p] & EXISTING)) {
        allowed[p] = 1;
        maxNewLoad[j]++;
      }
    }
  }

  // Balance weight: larger than any total preference cost, so one step of balance outweighs all preferences.
  const balanceWeight = MAX_PREFERENCE_COST * totalDemand + 1;
  let costBound = MAX_PREFERENCE_COST * totalDemand;
  for (let j = 0; j < jurorCount; j++) costBound += balanceWeight * (existingLoad[j] + maxNewLoad[j]) ** 2;
  if (!Number.isSafeInteger(costBound)) throw new Error('planAssignments: instance too large for exact costs');

  const source = 0;
  const sink = appCount + jurorCount + 1;
  const appNode = (a: number) => 1 + a;
  const jurorNode = (j: number) => 1 + appCount + j;
  const flow = new MinCostFlow(appCount + jurorCount + 2);
  for (let a = 0; a < appCount; a++) {
    if (demand[a] > 0) flow.addEdge(source, appNode(a), demand[a], 0);
  }
  const pairEdge = new Int32Array(appCount * jurorCount).fill(-1);
  for (let a = 0; a < appCount; a++) {
    for (let j = 0; j < jurorCount; j++) {
      const p = a * jurorCount + j;
      if (allowed[p]) {
        pairEdge[p] = flow.addEdge(appNode(a), jurorNode(j), 1, PREFERENCE_COST[PREFERENCE_CODES[preferenceOf[p]]]);
      }
    }
  }
  for (let j = 0; j < jurorCount; j++) {
    for (let t = 1; t <= maxNewLoad[j]; t++) {
      flow.addEdge(jurorNode(j), sink, 1, balanceWeight * (2 * (existingLoad[j] + t) - 1));
    }
  }
  flow.solve(source, sink);

  const assignments: PlanResult['assignments'] = [];
  const preferenceCounts: Record<Preference, number> = { keen: 0, neutral: 0, rather_not: 0 };
  const load = Int32Array.from(existingLoad);
  const shortfalls: Shortfall[] = [];
  for (let a = 0; a < appCount; a++) {
    let assigned = existingPerApp[a];
    for (let j = 0; j < jurorCount; j++) {
      const p = a * jurorCount + j;
      if (pairEdge[p] >= 0 && flow.flowOn(pairEdge[p]) > 0) {
        assignments.push({ applicationId: applications[a].id, jurorId: jurors[j].id });
        preferenceCounts[PREFERENCE_CODES[preferenceOf[p]]]++;
        load[j]++;
        assigned++;
      }
    }
    if (assigned < k) {
      let conflicted = 0;
      let outsideThemes = 0;
      for (let j = 0; j < jurorCount; j++) {
        if (!inTheme(a, j)) outsideThemes++;
        else if (pairs[a * jurorCount + j] & CONFLICT) conflicted++;
      }
      shortfalls.push({
        applicationId: applications[a].id,
        needed: k,
        assigned,
        candidates: jurorCount - conflicted - outsideThemes,
        conflicted,
        outsideThemes,
      });
    }
  }

  let minLoad = Number.POSITIVE_INFINITY;
  let maxLoad = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < jurorCount; j++) {
    if (!eligibleJuror[j]) continue;
    minLoad = Math.min(minLoad, load[j]);
    maxLoad = Math.max(maxLoad, load[j]);
  }

  return {
    assignments,
    shortfalls,
    loads: jurors.map((juror, j) => ({ jurorId: juror.id, load: load[j] })),
    preferenceCounts,
    loadSpread: maxLoad >= minLoad ? maxLoad - minLoad : 0,
  };
}

/** Code-unit order, independent of the locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function indexById(items: ReadonlyArray<{ id: string }>, what: string): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    if (index.has(item.id)) throw new Error(`planAssignments: duplicate ${what} id ${item.id}`);
    index.set(item.id, i);
  });
  return index;
}
