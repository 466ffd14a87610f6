import { EnvironmentNode, GraphNeighbour } from './environment-node';

/** Deeper than any real chain of environments; only keeps a corrupted graph from running away. */
const MAX_DISTANCE = 32;

/**
 * The environment catalog as a graph in memory: lookups by id or key and the walk over
 * dependencies both ways. Each environment reachable from a start is returned once, at its
 * shortest distance, with the lexicographically smallest shortest path of keys, so a diamond
 * yields the bottom once and the answer does not depend on insertion order.
 */
export class EnvironmentGraph {
  private readonly byId = new Map<string, EnvironmentNode>();
  private readonly byKey = new Map<string, EnvironmentNode>();
  private readonly dependents = new Map<string, string[]>();

  constructor(
    nodes: readonly EnvironmentNode[],
    /** The catalog's revision these nodes were read at. */
    readonly revision: string,
  ) {
    for (const node of nodes) {
      this.byId.set(node.id, node);
      this.byKey.set(node.key, node);
    }
    for (const node of nodes) {
      for (const key of node.dependsOn) {
        const list = this.dependents.get(key) ?? [];
        list.push(node.key);
        this.dependents.set(key, list);
      }
    }
  }

  find(idOrKey: string): EnvironmentNode | undefined {
    return this.byId.get(idOrKey.toLowerCase()) ?? this.byKey.get(idOrKey);
  }

  keyOf(id: string): string | undefined {
    return this.byId.get(id)?.key;
  }

  /** Ids of the environments named, of those of the tiers named, or of every one when `everywhere`. */
  idsOf(selection: { ids: readonly string[]; tiers: readonly string[]; everywhere: boolean }): string[] {
    const tiers = new Set(selection.tiers);
    const selected = new Set(selection.ids.map((id) => id.toLowerCase()));
    for (const node of this.byId.values())
      if (selection.everywhere || tiers.has(node.tier)) selected.add(node.id);
    return [...selected];
  }

  /**
   * The environments themselves and every one connected to them over dependencies: what they
   * depend on, transitively, and what depends on them, transitively (not a mix of both ways).
   */
  connectedTo(ids: Iterable<string>): Set<string> {
    const starts = [...ids];
    const connected = new Set(starts);
    const seeds = starts.flatMap((id) => this.byId.get(id) ?? []);
    const reach = (next: (node: EnvironmentNode) => readonly string[]) => {
      const seen = new Set(seeds.map((node) => node.key));
      const queue = [...seeds];
      for (let at = 0; at < queue.length; at++) {
        for (const key of next(queue[at])) {
          const neighbour = this.byKey.get(key);
          if (!neighbour || seen.has(key)) continue;
          seen.add(key);
          connected.add(neighbour.id);
          queue.push(neighbour);
        }
      }
    };
    reach((node) => node.dependsOn);
    reach((node) => this.dependents.get(node.key) ?? []);
    return connected;
  }

  neighboursOf(id: string): GraphNeighbour[] {
    const start = this.byId.get(id);
    if (!start) return [];
    const upstream = this.walk(start, 'UPSTREAM', (node) => node.dependsOn);
    const downstream = this.walk(start, 'DOWNSTREAM', (node) => this.dependents.get(node.key) ?? []);
    const nearest = new Map<string, GraphNeighbour>();
    for (const neighbour of [...upstream, ...downstream]) {
      const known = nearest.get(neighbour.id);
      if (
        !known ||
        neighbour.distance < known.distance ||
        (neighbour.distance === known.distance && comparePaths(neighbour.path, known.path) < 0)
      )
        nearest.set(neighbour.id, neighbour);
    }
    return [...nearest.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Breadth first, each level's paths in order, so the first path to reach a node is the smallest. */
  private walk(
    start: EnvironmentNode,
    direction: GraphNeighbour['direction'],
    next: (node: EnvironmentNode) => readonly string[],
  ): GraphNeighbour[] {
    const seen = new Set([start.key]);
    const found: GraphNeighbour[] = [];
    let level: { node: EnvironmentNode; path: string[] }[] = [{ node: start, path: [start.key] }];
    for (let distance = 1; level.length > 0 && distance <= MAX_DISTANCE; distance++) {
      const reached: { node: EnvironmentNode; path: string[] }[] = [];
      for (const { node, path } of level) {
        for (const key of [...next(node)].sort()) {
          const neighbour = this.byKey.get(key);
          if (!neighbour || seen.has(key)) continue;
          seen.add(key);
          reached.push({ node: neighbour, path: [...path, key] });
        }
      }
      reached.sort((a, b) => comparePaths(a.path, b.path));
      for (const { node, path } of reached) {
        found.push({
          id: node.id,
          key: node.key,
          tier: node.tier,
          timezone: node.timezone,
          direction,
          distance,
          path,
        });
      }
      level = reached;
    }
    return found;
  }
}

/** Element by element, as Postgres orders text arrays. */
function comparePaths(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    if (a[index] !== b[index]) return a[index] < b[index] ? -1 : 1;
  }
  return a.length - b.length;
}
