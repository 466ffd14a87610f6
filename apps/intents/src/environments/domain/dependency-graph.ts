/** Environment key → the keys it depends on. */
export type DependencyEdges = ReadonlyMap<string, readonly string[]>;

/**
 * The shortest dependency path from `key` back to itself, e.g. ['a', 'b', 'c', 'a'], or null when
 * `key` is on no cycle. Breadth-first, so the explanation names as few environments as possible.
 */
export function findCycleThrough(edges: DependencyEdges, key: string): string[] | null {
  const cameFrom = new Map<string, string>();
  const queue: string[] = [];
  for (const next of edges.get(key) ?? []) {
    if (next === key) return [key, key];
    if (!cameFrom.has(next)) {
      cameFrom.set(next, key);
      queue.push(next);
    }
  }
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const next of edges.get(current) ?? []) {
      if (next === key) return [...pathTo(cameFrom, current, key), key];
      if (!cameFrom.has(next)) {
        cameFrom.set(next, current);
        queue.push(next);
      }
    }
  }
  return null;
}

function pathTo(cameFrom: Map<string, string>, node: string, start: string): string[] {
  const path = [node];
  let current = node;
  while (current !== start) {
    current = cameFrom.get(current) as string;
    path.unshift(current);
  }
  return path;
}
