import { Problems } from '@envrefresh/kernel';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, pageFrom, pageSize } from './page-request';

describe('page requests', () => {
  it('takes a limit from 1 to 100, 20 by default, and names anything else', () => {
    const problems = new Problems();
    expect(pageSize(undefined, problems)).toBe(DEFAULT_PAGE_SIZE);
    expect(pageSize(100, problems)).toBe(100);
    expect(pageSize('7', problems)).toBe(7);
    expect(problems.empty).toBe(true);
    for (const limit of [0, 101, 2.5, 'ten', -1]) pageSize(limit, problems);
    expect(() => problems.throwIfAny('REQUEST.INVALID')).toThrow(/limit/);
  });

  it('round-trips a cursor and refuses one it did not make', () => {
    const problems = new Problems();
    const cursor = encodeCursor({ c: '2030-01-01T00:00:00.000Z', i: 'x' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, ['c', 'i'], problems)).toEqual({ c: '2030-01-01T00:00:00.000Z', i: 'x' });
    for (const bad of [
      '%%%',
      encodeCursor({ c: 'only' }),
      Buffer.from('not json').toString('base64url'),
      42,
    ]) {
      expect(decodeCursor(bad, ['c', 'i'], problems)).toBeUndefined();
    }
    expect(() => problems.throwIfAny('REQUEST.INVALID')).toThrow(/cursor/);
  });
});

describe('pageFrom', () => {
  it('shows at most limit items and hands out a cursor only when a further row was fetched', () => {
    const rows = [{ n: 1 }, { n: 2 }, { n: 3 }];
    const full = pageFrom(
      rows,
      2,
      (row) => row.n,
      (last) => ({ n: String(last) }),
    );
    expect(full.items).toEqual([1, 2]);
    expect(full.nextCursor).toBe(encodeCursor({ n: '2' }));
    expect(
      pageFrom(
        rows.slice(0, 2),
        2,
        (row) => row.n,
        (last) => ({ n: String(last) }),
      ).nextCursor,
    ).toBeNull();
    expect(
      pageFrom(
        [],
        2,
        (row: { n: number }) => row.n,
        () => ({}),
      ).items,
    ).toEqual([]);
  });
});
