/**
 * Minimum-cost maximum flow by successive shortest paths.
 *
 * Each round runs Dijkstra on reduced costs (Johnson potentials: cost(u, v) + potential(u) −
 * potential(v) ≥ 0) to the sink, updates the potentials, and then augments along every residual
 * path of zero reduced cost it can find by depth-first search (each of them is a cheapest path,
 * so this only saves Dijkstra runs). Because every augmentation uses a cheapest path, the flow
 * is at all times a cheapest flow of its value, and the loop stops when no augmenting path is
 * left, i.e. at a maximum flow (or at `maxFlow`).
 *
 * All edge costs must be non-negative integers when added, so the initial potentials are all
 * zero; capacities are non-negative integers. Costs and distances are kept in Float64Arrays
 * and stay exact as long as every sum involved stays below `Number.MAX_SAFE_INTEGER`.
 *
 * Deterministic: the residual graph is laid out in the order the edges were added (each
 * node's outgoing edges in insertion order), and Dijkstra breaks ties by node index, so the
 * same sequence of calls always yields the same flow.
 */
export class MinCostFlow {
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly capacity: number[] = [];
  private readonly cost: number[] = [];

  /** Set on the first `solve`: the residual graph as typed arrays (edge 2i forward, 2i + 1 its reverse). */
  private graph: ResidualGraph | null = null;

  constructor(readonly nodeCount: number) {
    if (!Number.isSafeInteger(nodeCount) || nodeCount < 0) {
      throw new Error(`MinCostFlow: invalid node count ${nodeCount}`);
    }
  }

  /** Number of edges added so far. */
  get edgeCount(): number {
    return this.to.length;
  }

  /**
   * Adds a directed edge and returns its id (0, 1, 2, … in insertion order), to read its
   * flow with {@link flowOn} after solving. Edges can no longer be added once `solve` ran.
   */
  addEdge(from: number, to: number, capacity: number, cost: number): number {
    if (this.graph) throw new Error('MinCostFlow: cannot add edges after solve()');
    this.checkNode(from);
    this.checkNode(to);
    if (!Number.isSafeInteger(capacity) || capacity < 0) {
      throw new Error(`MinCostFlow: capacity must be a non-negative integer, got ${capacity}`);
    }
    if (!Number.isSafeInteger(cost) || cost < 0) {
      throw new Error(`MinCostFlow: cost must be a non-negative integer, got ${cost}`);
    }
    this.from.push(from);
    this.to.push(to);
    this.capacity.push(capacity);
    this.cost.push(cost);
    return this.to.length - 1;
  }

  /**
   * Sends as much flow as possible (at most `maxFlow`) from `source` to `sink` at the least
   * total cost. May be called again (say with a higher `maxFlow`): it goes on from the flow
   * already sent. Returns the flow and cost added by this call.
   */
  solve(source: number, sink: number, maxFlow: number = Number.POSITIVE_INFINITY): { flow: number; cost: number } {
    this.checkNode(source);
    this.checkNode(sink);
    if (source === sink) throw new Error('MinCostFlow: source and sink must differ');
    if (!(maxFlow >= 0)) throw new Error(`MinCostFlow: maxFlow must be non-negative, got ${maxFlow}`);
    const g = this.graph ?? (this.graph = this.buildResidualGraph());
    const { head, adjacency, to, residual, cost, potential, distance, done, dead, path, heap } = g;
    const n = this.nodeCount;

    let totalFlow = 0;
    let totalCost = 0;
    while (totalFlow < maxFlow) {
      // Dijkstra on reduced costs, stopping as soon as the sink is settled.
      distance.fill(Number.POSITIVE_INFINITY);
      done.fill(0);
      heap.clear();
      distance[source] = 0;
      heap.push(0, source);
      let sinkDistance = Number.POSITIVE_INFINITY;
      while (heap.size > 0) {
        const d = heap.topKey();
        const u = heap.pop();
        if (done[u] || d > distance[u]) continue;
        done[u] = 1;
        if (u === sink) {
          sinkDistance = d;
          break;
        }
        const pu = potential[u];
        for (let i = head[u]; i < head[u + 1]; i++) {
          const e = adjacency[i];
          if (residual[e] <= 0) continue;
          const v = to[e];
          if (done[v]) continue;
          const nd = d + cost[e] + pu - potential[v];
          if (nd < distance[v]) {
            distance[v] = nd;
            heap.push(nd, v);
          }
        }
      }
      if (sinkDistance === Number.POSITIVE_INFINITY) break;

      // Settled nodes move by their distance, all others by the sink's: reduced costs stay ≥ 0.
      for (let v = 0; v < n; v++) {
        potential[v] += done[v] ? distance[v] : sinkDistance;
      }

      // Augment along every path of zero reduced cost (all of them cheapest paths) before the next Dijkstra.
      dead.fill(0);
      for (let first = true; totalFlow < maxFlow; first = false) {
        const pathLength = this.findAdmissiblePath(g, source, sink);
        if (pathLength === 0) {
          // Dijkstra's own path has zero reduced cost now, so the first search cannot miss.
          if (first) throw new Error('MinCostFlow: internal error, no admissible path after Dijkstra');
          break;
        }
        let push = maxFlow - totalFlow;
        for (let i = 0; i < pathLength; i++) {
          if (residual[path[i]] < push) push = residual[path[i]];
        }
        let pathCost = 0;
        for (let i = 0; i < pathLength; i++) {
          const e = path[i];
          residual[e] -= push;
          residual[e ^ 1] += push;
          pathCost += cost[e];
        }
        totalFlow += push;
        totalCost += push * pathCost;
      }
    }
    return { flow: totalFlow, cost: totalCost };
  }

  /** Flow on edge `edgeId` (as returned by {@link addEdge}); 0 before `solve`. */
  flowOn(edgeId: number): number {
    if (!Number.isInteger(edgeId) || edgeId < 0 || edgeId >= this.to.length) {
      throw new Error(`MinCostFlow: unknown edge ${edgeId}`);
    }
    return this.graph ? this.graph.residual[2 * edgeId + 1] : 0;
  }

  /**
   * Depth-first search from `source` to `sink` over residual edges of zero reduced cost (each
   * such path is a cheapest path), skipping nodes already found to be dead ends in this phase.
   * Leaves the path's edges in `g.path` and returns how many there are (0: no such path). A
   * node wrongly taken for a dead end only ends the phase early: the next Dijkstra finds the path.
   */
  private findAdmissiblePath(g: ResidualGraph, source: number, sink: number): number {
    const { head, adjacency, to, residual, cost, potential, dead, onPath, cursor, path } = g;
    let depth = 0;
    let u = source;
    onPath[source] = 1;
    cursor[source] = head[source];
    for (;;) {
      if (u === sink) {
        onPath[source] = 0;
        for (let i = 0; i < depth; i++) onPath[to[path[i]]] = 0;
        return depth;
      }
      let next = -1;
      const pu = potential[u];
      for (let i = cursor[u], end = head[u + 1]; i < end; i++) {
        const e = adjacency[i];
        const v = to[e];
        if (residual[e] > 0 && !dead[v] && !onPath[v] && cost[e] + pu - potential[v] === 0) {
          cursor[u] = i;
          next = e;
          break;
        }
      }
      if (next < 0) {
        dead[u] = 1;
        onPath[u] = 0;
        if (depth === 0) return 0;
        u = to[path[--depth] ^ 1];
        cursor[u]++;
        continue;
      }
      path[depth++] = next;
      u = to[next];
      onPath[u] = 1;
      cursor[u] = head[u];
    }
  }

  private checkNode(node: number): void {
    if (!Number.isInteger(node) || node < 0 || node >= this.nodeCount) {
      throw new Error(`MinCostFlow: node ${node} out of range 0..${this.nodeCount - 1}`);
    }
  }

  private buildResidualGraph(): ResidualGraph {
    const n = this.nodeCount;
    const m = this.to.length;
    const to = new Int32Array(2 * m);
    const residual = new Float64Array(2 * m);
    const cost = new Float64Array(2 * m);
    const head = new Int32Array(n + 1);
    for (let i = 0; i < m; i++) {
      to[2 * i] = this.to[i];
      to[2 * i + 1] = this.from[i];
      residual[2 * i] = this.capacity[i];
      cost[2 * i] = this.cost[i];
      cost[2 * i + 1] = -this.cost[i];
      head[this.from[i] + 1]++;
      head[this.to[i] + 1]++;
    }
    for (let v = 0; v < n; v++) head[v + 1] += head[v];
    // Compressed adjacency: each node's residual edges, forward and reverse, in insertion order.
    const adjacency = new Int32Array(2 * m);
    const fill = head.slice(0, n);
    for (let i = 0; i < m; i++) {
      adjacency[fill[this.from[i]]++] = 2 * i;
      adjacency[fill[this.to[i]]++] = 2 * i + 1;
    }
    return {
      head,
      adjacency,
      to,
      residual,
      cost,
      potential: new Float64Array(n),
      distance: new Float64Array(n),
      done: new Uint8Array(n),
      dead: new Uint8Array(n),
      onPath: new Uint8Array(n),
      cursor: new Int32Array(n),
      path: new Int32Array(n),
      heap: new MinHeap(2 * m + n + 1),
    };
  }
}

interface ResidualGraph {
  head: Int32Array;
  adjacency: Int32Array;
  to: Int32Array;
  residual: Float64Array;
  cost: Float64Array;
  potential: Float64Array;
  distance: Float64Array;
  done: Uint8Array;
  /** Nodes found not to reach the sink over zero-reduced-cost edges in the current phase. */
  dead: Uint8Array;
  onPath: Uint8Array;
  /** Per node, the adjacency position the path search resumes from. */
  cursor: Int32Array;
  /** The edges of the last admissible path found. */
  path: Int32Array;
  heap: MinHeap;
}

/**
 * Binary min-heap of (key, node) pairs with a fixed capacity, ordered by key and then by
 * node index (so ties resolve the same way every time). Lazy deletion: stale entries are
 * skipped by the caller.
 */
class MinHeap {
  private readonly keys: Float64Array;
  private readonly nodes: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.nodes = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  topKey(): number {
    return this.keys[0];
  }

  push(key: number, node: number): void {
    const { keys, nodes } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] < key || (keys[parent] === key && nodes[parent] <= node)) break;
      keys[i] = keys[parent];
      nodes[i] = nodes[parent];
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Removes the smallest entry and returns its node. */
  pop(): number {
    const { keys, nodes } = this;
    const top = nodes[0];
    const last = --this.size;
    if (last > 0) {
      const key = keys[last];
      const node = nodes[last];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= last) break;
        const right = child + 1;
        if (
          right < last &&
          (keys[right] < keys[child] || (keys[right] === keys[child] && nodes[right] < nodes[child]))
        ) {
          child = right;
        }
        if (key < keys[child] || (key === keys[child] && node <= nodes[child])) break;
        keys[i] = keys[child];
        nodes[i] = nodes[child];
        i = child;
      }
      keys[i] = key;
      nodes[i] = node;
    }
    return top;
  }
}
