/** A half-open span of time `[start, end)`: back-to-back intervals do not overlap. */
export interface Interval {
  start: Date;
  end: Date;
}
