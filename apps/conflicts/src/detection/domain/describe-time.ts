import { Interval } from '@envrefresh/recurrence';

// Explanations are read by people in many timezones: instants are written in UTC, to the minute.

/** `2026-03-01 20:00 UTC` */
export function describeInstant(instant: Date): string {
  return `${dayOf(instant)} ${timeOf(instant)} UTC`;
}

/**
 * `2026-03-01 20:00 to 23:00 UTC` when both ends fall on the same UTC day, else
 * `2026-03-01 22:00 to 2026-03-02 06:00 UTC`.
 */
export function describeSpan(interval: Interval): string {
  const end =
    dayOf(interval.end) === dayOf(interval.start)
      ? timeOf(interval.end)
      : `${dayOf(interval.end)} ${timeOf(interval.end)}`;
  return `${dayOf(interval.start)} ${timeOf(interval.start)} to ${end} UTC`;
}

function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

function timeOf(instant: Date): string {
  return instant.toISOString().slice(11, 16);
}
