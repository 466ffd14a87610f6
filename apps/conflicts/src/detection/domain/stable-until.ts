import { Situation } from './situation';

/**
 * How far ahead `GET /freeze` looks for the next change of its verdict: the cap of `stableUntil`,
 * so the field is always present, and the span the situation is loaded over.
 */
export const FREEZE_STABLE_HORIZON_MS = 60 * 60 * 1000;

/**
 * The earliest instant after `at` at which anything the freeze verdict looks at (another refresh,
 * a booking, a blackout or maintenance occurrence, recurring ones included) starts or ends, at
 * most `horizonEnd`: the verdict cannot change before it unless the data does, which the gateway
 * learns of from writes and events (ADR 0031). `situation` must span [at, horizonEnd].
 */
export function stableUntil(situation: Situation, at: Date, horizonEnd: Date): Date {
  let earliest = horizonEnd.getTime();
  const after = at.getTime();
  const intervals = [
    ...situation.intents.map((intent) => intent.window),
    ...situation.bookings.map((booking) => booking.window),
    ...situation.blackouts.map((occurrence) => occurrence.window),
    ...situation.maintenance.map((occurrence) => occurrence.window),
  ];
  for (const { start, end } of intervals) {
    for (const boundary of [start.getTime(), end.getTime()]) {
      if (boundary > after && boundary < earliest) earliest = boundary;
    }
  }
  return new Date(earliest);
}
