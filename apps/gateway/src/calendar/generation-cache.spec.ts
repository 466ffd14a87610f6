import { GenerationCache } from './generation-cache';

describe('GenerationCache', () => {
  it('gives back what it kept, with the generation it was made from', () => {
    const cache = new GenerationCache<string>(1_000);
    cache.keep('k', { generation: 7, value: 'seven' }, 5, 0);
    expect(cache.reusable('k', 1_000)).toMatchObject({ generation: 7, value: 'seven' });
    expect(cache.reusable('other', 1_000)).toBeUndefined();
    cache.keep('k', { generation: 8, value: 'eight' }, 5, 2_000);
    expect(cache.reusable('k', 2_000)).toMatchObject({ generation: 8, value: 'eight' });
  });

  it('offers nothing older than its reuse age', () => {
    const cache = new GenerationCache<string>(1_000, 60_000);
    cache.keep('k', { generation: 1, value: 'v' }, 1, 0);
    expect(cache.reusable('k', 59_999)).toBeDefined();
    expect(cache.reusable('k', 60_000)).toBeUndefined();
    expect(cache.reusable('k', 0)).toBeUndefined();
  });

  it('holds no more bytes than it may, dropping the least recently used first', () => {
    const cache = new GenerationCache<string>(25);
    cache.keep('a', { generation: 1, value: 'a' }, 10, 0);
    cache.keep('b', { generation: 1, value: 'b' }, 10, 0);
    expect(cache.reusable('a', 0)).toBeDefined();
    cache.keep('c', { generation: 1, value: 'c' }, 10, 0);
    expect(cache.reusable('b', 0)).toBeUndefined();
    expect(cache.reusable('a', 0)).toBeDefined();
    expect(cache.reusable('c', 0)).toBeDefined();
    cache.keep('huge', { generation: 1, value: 'h' }, 26, 0);
    expect(cache.reusable('huge', 0)).toBeUndefined();
    cache.forget('a');
    expect(cache.reusable('a', 0)).toBeUndefined();
    cache.keep('d', { generation: 1, value: 'd' }, 15, 0);
    expect(cache.reusable('c', 0)).toBeDefined();
    expect(cache.reusable('d', 0)).toBeDefined();
  });
});
