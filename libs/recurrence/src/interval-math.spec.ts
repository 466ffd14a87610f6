import fc from 'fast-check';
import { Interval } from './interval';
import {
  clip,
  covers,
  intersection,
  isEmpty,
  lengthOf,
  overlaps,
  span,
  subtract,
  totalLength,
  union,
} from './interval-math';

const at = (minute: number): Date => new Date(Date.UTC(2026, 0, 1) + minute * 60_000);
const iv = (from: number, to: number): Interval => ({ start: at(from), end: at(to) });
const minutes = (list: Interval[]): Array<[number, number]> =>
  list.map((interval) => [toMinute(interval.start), toMinute(interval.end)]);
const toMinute = (date: Date): number => (date.getTime() - at(0).getTime()) / 60_000;

// Intervals on a small grid of minutes, so that touching, nested and equal intervals come up often.
const anInterval = fc
  .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 }))
  .map(([from, length]) => iv(from, from + length));
const aList = fc.array(anInterval, { maxLength: 8 });
const aMinute = fc.integer({ min: -5, max: 85 });
const inAny = (list: Interval[], minute: number): boolean =>
  list.some((interval) => toMinute(interval.start) <= minute && minute < toMinute(interval.end));

describe('interval math (half-open intervals)', () => {
  it('back-to-back intervals do not overlap; intervals sharing a minute do', () => {
    expect(overlaps(iv(0, 10), iv(10, 20))).toBe(false);
    expect(overlaps(iv(10, 20), iv(0, 10))).toBe(false);
    expect(overlaps(iv(0, 11), iv(10, 20))).toBe(true);
    expect(overlaps(iv(0, 30), iv(10, 20))).toBe(true);
  });

  it('an empty interval overlaps nothing, even inside another', () => {
    expect(isEmpty(iv(5, 5))).toBe(true);
    expect(overlaps(iv(5, 5), iv(0, 10))).toBe(false);
    expect(lengthOf(iv(5, 3))).toBe(0);
  });

  it('intersection is the common part, or undefined', () => {
    expect(minutes([intersection(iv(0, 10), iv(5, 20))!])).toEqual([[5, 10]]);
    expect(intersection(iv(0, 10), iv(10, 20))).toBeUndefined();
  });

  it('union merges overlapping and touching intervals and drops empty ones', () => {
    expect(minutes(union([iv(20, 30), iv(0, 10), iv(10, 15), iv(25, 40), iv(50, 50)]))).toEqual([
      [0, 15],
      [20, 40],
    ]);
  });

  it('union does not modify its input', () => {
    const list = [iv(0, 10), iv(5, 20)];
    union(list);
    expect(minutes(list)).toEqual([
      [0, 10],
      [5, 20],
    ]);
  });

  it('subtract removes holes, keeping what lies between them', () => {
    expect(minutes(subtract([iv(0, 100)], [iv(10, 20), iv(15, 30), iv(90, 120)]))).toEqual([
      [0, 10],
      [30, 90],
    ]);
    expect(subtract([iv(0, 10)], [iv(0, 10)])).toEqual([]);
  });

  it('covers: a window across two touching maintenance windows is covered; a gap is not', () => {
    expect(covers([iv(0, 10), iv(10, 20)], iv(5, 15))).toBe(true);
    expect(covers([iv(0, 10), iv(11, 20)], iv(5, 15))).toBe(false);
    expect(covers([], iv(5, 5))).toBe(true);
  });

  it('clip, span and total length', () => {
    expect(minutes(clip([iv(0, 10), iv(20, 30), iv(40, 50)], iv(5, 25)))).toEqual([
      [5, 10],
      [20, 25],
    ]);
    expect(minutes([span([iv(20, 30), iv(0, 10), iv(7, 7)])!])).toEqual([[0, 30]]);
    expect(span([])).toBeUndefined();
    expect(totalLength([iv(0, 10), iv(5, 20), iv(30, 40)])).toBe(30 * 60_000);
  });

  describe('properties', () => {
    it('union holds exactly the minutes of its input, as sorted, disjoint, non-touching intervals', () => {
      fc.assert(
        fc.property(aList, aMinute, (list, minute) => {
          const merged = union(list);
          for (let i = 1; i < merged.length; i++) {
            expect(merged[i - 1].end.getTime()).toBeLessThan(merged[i].start.getTime());
          }
          expect(merged.every((interval) => !isEmpty(interval))).toBe(true);
          expect(inAny(merged, minute)).toBe(inAny(list, minute));
        }),
      );
    });

    it('subtract keeps a minute exactly when it is in `from` and in none of `remove`', () => {
      fc.assert(
        fc.property(aList, aList, aMinute, (from, remove, minute) => {
          const rest = subtract(from, remove);
          expect(inAny(rest, minute)).toBe(inAny(from, minute) && !inAny(remove, minute));
          expect(rest).toEqual(union(rest));
        }),
      );
    });

    it('overlaps is symmetric and agrees with a shared minute', () => {
      fc.assert(
        fc.property(anInterval, anInterval, (a, b) => {
          expect(overlaps(a, b)).toBe(overlaps(b, a));
          let shared = false;
          for (let minute = toMinute(a.start); minute < toMinute(a.end); minute++) {
            if (inAny([b], minute)) shared = true;
          }
          expect(overlaps(a, b)).toBe(shared);
          expect(intersection(a, b) !== undefined).toBe(shared);
        }),
      );
    });

    it('covers agrees with subtract, and total length with counting minutes', () => {
      fc.assert(
        fc.property(aList, anInterval, (list, interval) => {
          let everyMinute = true;
          for (let minute = toMinute(interval.start); minute < toMinute(interval.end); minute++) {
            if (!inAny(list, minute)) everyMinute = false;
          }
          expect(covers(list, interval)).toBe(everyMinute);
          let count = 0;
          for (let minute = 0; minute < 90; minute++) if (inAny(list, minute)) count++;
          expect(totalLength(list)).toBe(count * 60_000);
        }),
      );
    });
  });
});
