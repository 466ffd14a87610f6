/** Cursor pagination of every list: `?limit=&cursor=` → `{ items, nextCursor }`. */
export interface PageQuery {
  /** 1..100; the service applies 20 when absent. */
  limit?: number;
  /** Opaque, from a previous page's `nextCursor`. */
  cursor?: string;
}

export interface Page<TItem> {
  items: TItem[];
  /** Absent on the last page. */
  nextCursor: string | null;
}
