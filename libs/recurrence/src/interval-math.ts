import { Interval } from './interval';

// Everything here treats intervals as half-open `[start, end)`: back-to-back intervals do not
// overlap, and an empty interval (start >= end) overlaps nothing and covers nothing.

export function isEmpty(interval: Interval): boolean {
  return interval.end.getTime() <= interval.start.getTime();
}

export function lengthOf(interval: Interval): number {
  return Math.max(0, interval.end.getTime() - interval.start.getTime());
}

export function overlaps(a: Interval, b: Interval): boolean {
  return (
    a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime() && !isEmpty(a) && !isEmpty(b)
  );
}

/** The common part of `a` and `b`, or undefined when they do not overlap. */
export function intersection(a: Interval, b: Interval): Interval | undefined {
  if (!overlaps(a, b)) return undefined;
  return {
    start: new Date(Math.max(a.start.getTime(), b.start.getTime())),
    end: new Date(Math.min(a.end.getTime(), b.end.getTime())),
  };
}

/**
 * The same instants as `list`, as sorted disjoint intervals. Touching intervals merge too
 * (`[1,2)` and `[2,3)` become `[1,3)`): together they leave no gap.
 */
export function union(list: readonly Interval[]): Interval[] {
  const sorted = list.filter((interval) => !isEmpty(interval)).sort(byStart);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start.getTime() <= last.end.getTime()) {
      if (interval.end.getTime() > last.end.getTime()) last.end = interval.end;
    } else {
      merged.push({ start: interval.start, end: interval.end });
    }
  }
  return merged;
}

/** The instants of `from` that are in none of `remove`, as sorted disjoint intervals. */
export function subtract(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  const holes = union(remove);
  const result: Interval[] = [];
  for (const piece of union(from)) {
    let cursor = piece.start.getTime();
    const end = piece.end.getTime();
    for (const hole of holes) {
      if (hole.end.getTime() <= cursor) continue;
      if (hole.start.getTime() >= end) break;
      if (hole.start.getTime() > cursor) result.push({ start: new Date(cursor), end: hole.start });
      cursor = Math.max(cursor, hole.end.getTime());
      if (cursor >= end) break;
    }
    if (cursor < end) result.push({ start: new Date(cursor), end: piece.end });
  }
  return result;
}

/** Whether every instant of `interval` lies in some interval of `list` (an empty one always does). */
export function covers(list: readonly Interval[], interval: Interval): boolean {
  return subtract([interval], list).length === 0;
}

/** Each interval of `list` cut to `range`, those outside it dropped. */
export function clip(list: readonly Interval[], range: Interval): Interval[] {
  return list.flatMap((interval) => intersection(interval, range) ?? []);
}

/** From the earliest start to the latest end of `list`, or undefined for an empty list. */
export function span(list: readonly Interval[]): Interval | undefined {
  let hull: Interval | undefined;
  for (const interval of list) {
    if (isEmpty(interval)) continue;
    if (!hull) hull = { start: interval.start, end: interval.end };
    if (interval.start < hull.start) hull.start = interval.start;
    if (interval.end > hull.end) hull.end = interval.end;
  }
  return hull;
}

/** How much time `list` covers, counting overlapping parts once. */
export function totalLength(list: readonly Interval[]): number {
  return union(list).reduce((sum, interval) => sum + lengthOf(interval), 0);
}

function byStart(a: Interval, b: Interval): number {
  return a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime();
}
