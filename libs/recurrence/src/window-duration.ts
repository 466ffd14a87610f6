const DAY_MS = 24 * 60 * 60 * 1000;

/** The parts of an ISO-8601 duration, in the shape Temporal's `add` takes. */
export interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  milliseconds: number;
  microseconds: number;
  nanoseconds: number;
}

const ISO_DURATION =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d+))?S)?)?$/;

/** `P1DT2H30M` → its parts; undefined when `text` is not an ISO-8601 duration. */
export function parseDuration(text: string): DurationParts | undefined {
  const match = ISO_DURATION.exec(text);
  if (!match) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1, 8)
    .map((part) => Number(part ?? 0));
  const fraction = (match[8] ?? '').slice(0, 9).padEnd(9, '0');
  return {
    years,
    months,
    weeks,
    days,
    hours,
    minutes,
    seconds,
    milliseconds: Number(fraction.slice(0, 3)),
    microseconds: Number(fraction.slice(3, 6)),
    nanoseconds: Number(fraction.slice(6, 9)),
  };
}

/**
 * The longest a window of this ISO-8601 duration can last on a calendar without daylight-saving
 * changes, in milliseconds: calendar units at their longest (months 31 days, years 366), since a
 * recurrence adds them on the local calendar. A DST change may add an hour or so on top.
 * Undefined when `text` is not an ISO-8601 duration.
 */
export function longestLengthOf(text: string): number | undefined {
  const parts = parseDuration(text);
  return parts && longestLengthOfParts(parts);
}

export function longestLengthOfParts(parts: DurationParts): number {
  return (
    (parts.years * 366 + parts.months * 31 + parts.weeks * 7 + parts.days) * DAY_MS +
    parts.hours * 3_600_000 +
    parts.minutes * 60_000 +
    parts.seconds * 1000 +
    parts.milliseconds +
    parts.microseconds / 1000 +
    parts.nanoseconds / 1_000_000
  );
}
