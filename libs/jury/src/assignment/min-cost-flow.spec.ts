import { MinCostFlow } from './min-cost-flow';

/** Tiny seeded PRNG (mulberry32), so random graphs are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Edge {
  from: number;
  to: number;
  capacity: number;
  cost: number;
}

/** Reference: successive shortest paths with Bellman-Ford, one path at a time, no potentials. */
function referenceMinCostMaxFlow(nodeCount: number, edges: Edge[], source: number, sink: number) {
  const to: number[] = [];
  const residual: number[] = [];
  const cost: number[] = [];
  for (const e of edges) {
    to.push(e.to, e.from);
    residual.push(e.capacity, 0);
    cost.push(e.cost, -e.cost);
  }
  const from = (e: number) => to[e ^ 1];
  let flow = 0;
  let total = 0;
  for (;;) {
    const distance = new Array<number>(nodeCount).fill(Infinity);
    const previous = new Array<number>(nodeCount).fill(-1);
    distance[source] = 0;
    for (let round = 0; round < nodeCount; round++) {
      let changed = false;
      for (let e = 0; e < to.length; e++) {
        if (residual[e] > 0 && distance[from(e)] + cost[e] < distance[to[e]]) {
          distance[to[e]] = distance[from(e)] + cost[e];
          previous[to[e]] = e;
          changed = true;
        }
      }
      if (!changed) break;
    }
    if (distance[sink] === Infinity) return { flow, cost: total };
    let push = Infinity;
    for (let v = sink; v !== source; v = from(previous[v])) push = Math.min(push, residual[previous[v]]);
    for (let v = sink; v !== source; v = from(previous[v])) {
      residual[previous[v]] -= push;
      residual[previous[v] ^ 1] += push;
    }
    flow += push;
    total += push * distance[sink];
  }
}

function build(nodeCount: number, edges: Edge[]): { graph: MinCostFlow; ids: number[] } {
  const graph = new MinCostFlow(nodeCount);
  const ids = edges.map((e) => graph.addEdge(e.from, e.to, e.capacity, e.cost));
  return { graph, ids };
}

describe('MinCostFlow', () => {
  it('finds the known minimum cost on a textbook graph', () => {
    // s=0, a=1, b=2, t=3: max flow 3; the cheapest way is s-a-b-t (3), s-b-t (3) and s-a-t (4) = 10.
    const edges: Edge[] = [
      { from: 0, to: 1, capacity: 2, cost: 1 },
      { from: 0, to: 2, capacity: 1, cost: 2 },
      { from: 1, to: 2, capacity: 1, cost: 1 },
      { from: 1, to: 3, capacity: 1, cost: 3 },
      { from: 2, to: 3, capacity: 2, cost: 1 },
    ];
    const { graph, ids } = build(4, edges);
    expect(graph.solve(0, 3)).toEqual({ flow: 3, cost: 10 });
    expect(ids.map((id) => graph.flowOn(id))).toEqual([2, 1, 1, 1, 2]);
  });

  it('solves the classic transportation problem to its known optimum', () => {
    // Supplies 20 and 30, demands 10, 25 and 15; unit costs [[8, 6, 10], [9, 12, 13]]: optimum 465
    // (row 0 sends its 20 to column 1, saving 6 a unit on the all-row-1 cost of 585).
    const supply = [20, 30];
    const demand = [10, 25, 15];
    const unitCost = [
      [8, 6, 10],
      [9, 12, 13],
    ];
    const graph = new MinCostFlow(7);
    supply.forEach((s, i) => graph.addEdge(0, 1 + i, s, 0));
    demand.forEach((d, j) => graph.addEdge(3 + j, 6, d, 0));
    unitCost.forEach((row, i) => row.forEach((c, j) => graph.addEdge(1 + i, 3 + j, 1000, c)));
    expect(graph.solve(0, 6)).toEqual({ flow: 50, cost: 465 });
  });

  it('cancels flow through a reverse edge when a later path needs it', () => {
    // The first cheapest path s-a-b-t (3) blocks s-b-t; the optimum s-a-t + s-b-t (8) undoes a-b.
    const edges: Edge[] = [
      { from: 0, to: 1, capacity: 1, cost: 1 },
      { from: 1, to: 2, capacity: 1, cost: 1 },
      { from: 2, to: 3, capacity: 1, cost: 1 },
      { from: 1, to: 3, capacity: 1, cost: 3 },
      { from: 0, to: 2, capacity: 1, cost: 3 },
    ];
    const { graph, ids } = build(4, edges);
    expect(graph.solve(0, 3)).toEqual({ flow: 2, cost: 8 });
    expect(ids.map((id) => graph.flowOn(id))).toEqual([1, 0, 1, 1, 1]);
  });

  it('stops at maxFlow with the cheapest flow of that value, and goes on when called again', () => {
    const edges: Edge[] = [
      { from: 0, to: 1, capacity: 5, cost: 1 },
      { from: 0, to: 1, capacity: 5, cost: 4 },
      { from: 1, to: 2, capacity: 10, cost: 0 },
    ];
    const { graph, ids } = build(3, edges);
    expect(graph.solve(0, 2, 3)).toEqual({ flow: 3, cost: 3 });
    expect(graph.flowOn(ids[0])).toBe(3);
    expect(graph.flowOn(ids[1])).toBe(0);
    expect(graph.solve(0, 2)).toEqual({ flow: 7, cost: 2 + 20 });
    expect(ids.map((id) => graph.flowOn(id))).toEqual([5, 5, 10]);
  });

  it('returns no flow when the sink is unreachable, and zero flow before solving', () => {
    const graph = new MinCostFlow(4);
    const e = graph.addEdge(0, 1, 3, 2);
    graph.addEdge(2, 3, 3, 2);
    expect(graph.flowOn(e)).toBe(0);
    expect(graph.solve(0, 3)).toEqual({ flow: 0, cost: 0 });
    expect(graph.flowOn(e)).toBe(0);
  });

  it('matches a Bellman-Ford reference on random graphs, with capacities and conservation respected', () => {
    const random = mulberry32(7);
    for (let round = 0; round < 60; round++) {
      const nodeCount = 2 + Math.floor(random() * 9);
      const edgeCount = Math.floor(random() * 30);
      const edges: Edge[] = [];
      for (let i = 0; i < edgeCount; i++) {
        edges.push({
          from: Math.floor(random() * nodeCount),
          to: Math.floor(random() * nodeCount),
          capacity: Math.floor(random() * 6),
          cost: Math.floor(random() * 10),
        });
      }
      const source = 0;
      const sink = nodeCount - 1;
      const { graph, ids } = build(nodeCount, edges);
      const result = graph.solve(source, sink);
      expect(result).toEqual(referenceMinCostMaxFlow(nodeCount, edges, source, sink));

      const balance = new Array<number>(nodeCount).fill(0);
      let cost = 0;
      edges.forEach((e, i) => {
        const f = graph.flowOn(ids[i]);
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(e.capacity);
        balance[e.from] -= f;
        balance[e.to] += f;
        cost += f * e.cost;
      });
      expect(cost).toBe(result.cost);
      balance.forEach((b, v) => expect(b).toBe(v === source ? 0 - result.flow : v === sink ? result.flow : 0));
    }
  });

  it('is deterministic: the same insertion order gives the same flow on every edge', () => {
    const random = mulberry32(11);
    const edges: Edge[] = [];
    for (let i = 0; i < 80; i++) {
      edges.push({
        from: Math.floor(random() * 12),
        to: Math.floor(random() * 12),
        capacity: 1 + Math.floor(random() * 3),
        cost: Math.floor(random() * 3), // many ties
      });
    }
    const runs = [0, 1].map(() => {
      const { graph, ids } = build(12, edges);
      const result = graph.solve(0, 11);
      return { result, flows: ids.map((id) => graph.flowOn(id)) };
    });
    expect(runs[1]).toEqual(runs[0]);
  });

  it('rejects invalid edges, nodes and calls', () => {
    const graph = new MinCostFlow(3);
    expect(() => graph.addEdge(0, 3, 1, 1)).toThrow(Error);
    expect(() => graph.addEdge(0, 1, -1, 1)).toThrow(Error);
    expect(() => graph.addEdge(0, 1, 1.5, 1)).toThrow(Error);
    expect(() => graph.addEdge(0, 1, 1, -2)).toThrow(Error);
    expect(() => graph.solve(1, 1)).toThrow(Error);
    expect(() => new MinCostFlow(-1)).toThrow(Error);
    graph.addEdge(0, 1, 1, 1);
    graph.solve(0, 1);
    expect(() => graph.addEdge(1, 2, 1, 1)).toThrow(Error);
    expect(() => graph.flowOn(5)).toThrow(Error);
  });
});
