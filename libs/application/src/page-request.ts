import { Problems } from '@envrefresh/kernel';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `limit` as asked (1..100, default 20); anything else names the field. */
export function pageSize(limit: unknown, problems: Problems): number {
  if (limit === undefined || limit === null) return DEFAULT_PAGE_SIZE;
  const value = typeof limit === 'string' && /^\d+$/.test(limit) ? Number(limit) : limit;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    problems.add('limit', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
    return DEFAULT_PAGE_SIZE;
  }
  return value;
}

/** A boolean query flag; the gateway may relay it as the query string's "true" or "false". */
export function readQueryFlag(value: unknown, field: string, problems: Problems): boolean {
  if (value === undefined || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  problems.add(field, 'must be true or false');
  return false;
}

/** Opaque to clients: base64url of a small JSON position; only this service reads it back. */
export function encodeCursor(position: Record<string, string>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position a cursor holds, with exactly the string members named; else a problem on `cursor`. */
export function decodeCursor<TKey extends string>(
  cursor: unknown,
  keys: readonly TKey[],
  problems: Problems,
): Record<TKey, string> | undefined {
  if (cursor === undefined || cursor === null || cursor === '') return undefined;
  const invalid = () => {
    problems.add('cursor', 'is not a cursor this list handed out; start again without it');
    return undefined;
  };
  if (typeof cursor !== 'string' || !/^[A-Za-z0-9_-]{1,1000}$/.test(cursor)) return invalid();
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof position !== 'object' || position === null) return invalid();
    if (!keys.every((key) => typeof position[key] === 'string')) return invalid();
    return position as Record<TKey, string>;
  } catch {
    return invalid();
  }
}

/** Throws the collected problems of a list query as one 400. */
export function assertValidQuery(problems: Problems): void {
  problems.throwIfAny('REQUEST.INVALID');
}

/**
 * One page from rows fetched with `limit + 1`: the extra row only says that there is a next page,
 * whose cursor is the position of the last item shown.
 */
export function pageFrom<TRow, TItem>(
  rows: readonly TRow[],
  limit: number,
  toItem: (row: TRow) => TItem,
  positionOf: (item: TItem) => Record<string, string>,
): { items: TItem[]; nextCursor: string | null } {
  const items = rows.slice(0, limit).map(toItem);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}
