import { findCycleThrough } from './dependency-graph';

describe('findCycleThrough', () => {
  const edges = new Map([
    ['app', ['db', 'cache']],
    ['db', ['storage']],
    ['cache', []],
  ]);

  it('finds none in a DAG, even with shared dependencies', () => {
    expect(findCycleThrough(new Map([...edges, ['web', ['app', 'db']]]), 'web')).toBeNull();
    expect(findCycleThrough(edges, 'unknown')).toBeNull();
  });

  it('explains a self-dependency and the shortest path back', () => {
    expect(findCycleThrough(new Map([['app', ['app']]]), 'app')).toEqual(['app', 'app']);
    const cyclic = new Map([...edges, ['storage', ['app']], ['cache', ['x']], ['x', ['y']], ['y', ['app']]]);
    expect(findCycleThrough(cyclic, 'app')).toEqual(['app', 'db', 'storage', 'app']);
    expect(findCycleThrough(cyclic, 'db')).toEqual(['db', 'storage', 'app', 'db']);
  });

  it('ignores cycles that do not pass through the key', () => {
    expect(
      findCycleThrough(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['b']],
        ]),
        'a',
      ),
    ).toBeNull();
  });
});
