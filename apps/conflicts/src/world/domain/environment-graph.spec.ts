import { EnvironmentGraph } from './environment-graph';
import { EnvironmentNode } from './environment-node';

const node = (key: string, dependsOn: string[] = []): EnvironmentNode => ({
  id: `00000000-0000-4000-8000-${key.padStart(12, '0')}`,
  key,
  name: key,
  tier: 'UAT',
  ownerGroup: 'qa',
  timezone: 'UTC',
  dependsOn,
  maintenanceWindows: [],
  version: 1,
});
const idOf = (key: string) => node(key).id;

describe('EnvironmentGraph', () => {
  it('walks a chain three levels away in both directions, with the path of keys', () => {
    const graph = new EnvironmentGraph(
      [node('a', ['b']), node('b', ['c']), node('c', ['d']), node('d')],
      '1',
    );
    const fromA = graph.neighboursOf(idOf('a'));
    expect(fromA.find((n) => n.key === 'd')).toMatchObject({
      direction: 'UPSTREAM',
      distance: 3,
      path: ['a', 'b', 'c', 'd'],
    });
    const fromD = graph.neighboursOf(idOf('d'));
    expect(fromD.find((n) => n.key === 'a')).toMatchObject({
      direction: 'DOWNSTREAM',
      distance: 3,
      path: ['d', 'c', 'b', 'a'],
    });
    expect(fromD).toHaveLength(3);
  });

  it('reaches the bottom of a diamond once, by the smallest of the shortest paths', () => {
    const graph = new EnvironmentGraph(
      [node('top', ['right', 'left']), node('left', ['bottom']), node('right', ['bottom']), node('bottom')],
      '1',
    );
    const bottom = graph.neighboursOf(idOf('top')).filter((n) => n.key === 'bottom');
    expect(bottom).toEqual([expect.objectContaining({ distance: 2, path: ['top', 'left', 'bottom'] })]);
    expect(
      graph
        .neighboursOf(idOf('bottom'))
        .map((n) => n.key)
        .sort(),
    ).toEqual(['left', 'right', 'top']);
  });

  it('ends on a cycle and never lists the start itself', () => {
    const graph = new EnvironmentGraph([node('x', ['y']), node('y', ['x'])], '1');
    const neighbours = graph.neighboursOf(idOf('x'));
    expect(neighbours.map((n) => n.key)).toEqual(['y']);
  });

  it('finds by id (any case) or key, and knows nothing of unknown environments', () => {
    const graph = new EnvironmentGraph([node('qa-1')], '7');
    expect(graph.find('qa-1')?.id).toBe(idOf('qa-1'));
    expect(graph.find(idOf('qa-1').toUpperCase())?.key).toBe('qa-1');
    expect(graph.find('nope')).toBeUndefined();
    expect(graph.neighboursOf(idOf('nope'))).toEqual([]);
    expect(graph.revision).toBe('7');
  });

  it('connects an environment to what it depends on and what depends on it, transitively, each way on its own', () => {
    // a depends on b, b on c; d depends on b too; x depends on a; e stands alone.
    const graph = new EnvironmentGraph(
      [node('a', ['b']), node('b', ['c']), node('c'), node('d', ['b']), node('x', ['a']), node('e')],
      '1',
    );
    const keysOf = (ids: Set<string>) => [...ids].map((id) => graph.keyOf(id) ?? id).sort();
    expect(keysOf(graph.connectedTo([idOf('b')]))).toEqual(['a', 'b', 'c', 'd', 'x']);
    // d shares a dependency with a, but neither depends on the other: not connected.
    expect(keysOf(graph.connectedTo([idOf('a')]))).toEqual(['a', 'b', 'c', 'x']);
    expect(keysOf(graph.connectedTo([idOf('e'), idOf('c')]))).toEqual(['a', 'b', 'c', 'd', 'e', 'x']);
    const unknown = '00000000-0000-4000-8000-0000000000ff';
    expect([...graph.connectedTo([unknown])]).toEqual([unknown]);
  });

  it('ends on a cycle', () => {
    const graph = new EnvironmentGraph([node('a', ['b']), node('b', ['a']), node('c')], '1');
    expect(graph.connectedTo([idOf('a')])).toEqual(new Set([idOf('a'), idOf('b')]));
  });

  it('selects environments by id, by tier, or every one', () => {
    const perf = { ...node('f'), tier: 'PERF' as const };
    const graph = new EnvironmentGraph([node('a'), node('b'), perf], '1');
    expect(graph.idsOf({ ids: [idOf('a').toUpperCase()], tiers: [], everywhere: false })).toEqual([
      idOf('a'),
    ]);
    expect(graph.idsOf({ ids: [], tiers: ['PERF'], everywhere: false })).toEqual([perf.id]);
    expect(graph.idsOf({ ids: [], tiers: [], everywhere: true }).sort()).toEqual(
      [idOf('a'), idOf('b'), perf.id].sort(),
    );
  });
});
