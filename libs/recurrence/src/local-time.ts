import { Temporal } from 'temporal-polyfill';
import { wallClockAt } from './wall-clock';
import { DurationParts } from './window-duration';

// Local wall-clock times are written here as milliseconds "as if UTC": 2026-03-29T02:30 local is
// Date.UTC(2026, 2, 29, 2, 30). Recurrences are expanded on that clock, which has no DST changes.
//
// The calendar and time-zone rules are Temporal's (temporal-polyfill, the implementation
// rrule-temporal is built against). A Temporal call costs some 40-60 µs here and an expansion
// makes two per occurrence, so the cases with one possible answer take a shortcut: a local time
// with a single instant, and a duration without years or months.

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

function plainOf(localMs: number): Temporal.PlainDateTime {
  return Temporal.Instant.fromEpochMilliseconds(localMs).toZonedDateTimeISO('UTC').toPlainDateTime();
}

/**
 * The instant a local wall-clock time stands for in `timeZone`, disambiguated as Temporal's
 * 'compatible' (and RFC 5545 §3.3.5) do: a time the clocks skip (spring) moves forward by the
 * length of the skip, a time they repeat (autumn) takes the earlier of its two instants.
 */
export function instantOfLocal(localMs: number, timeZone: string): number {
  const unique = onlyInstantOf(localMs, zoneFor(timeZone));
  if (unique !== undefined) return unique;
  return plainOf(localMs).toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/**
 * The instant of a local time that has exactly one, undefined for one the clocks skip or repeat
 * (or too close to a change to tell from the hourly offsets): those are Temporal's to resolve.
 * Real offsets stay within ±14 hours, so the instant lies within a day of the local time read as
 * UTC, and time zones never change their offset twice within two days: an instant of the local
 * time has the offset of a day before or that of a day after.
 */
function onlyInstantOf(localMs: number, zone: ZoneOffsets): number | undefined {
  const early = zone.offsetAt(localMs - DAY_MS);
  const late = zone.offsetAt(localMs + DAY_MS);
  if (early === CHANGES || late === CHANGES) return undefined;
  if (early === late) return localMs - early;
  const found = [early, late].map((offset) => zone.offsetAt(localMs - offset));
  if (found.includes(CHANGES)) return undefined;
  const fitting = [early, late].filter((offset, index) => found[index] === offset);
  return fitting.length === 1 ? localMs - fitting[0] : undefined;
}

/**
 * A local wall-clock time plus a duration, on the local calendar and clock: Temporal's
 * PlainDateTime.add (31 January + P1M is 28 or 29 February). Kept to the millisecond.
 */
export function addToLocal(localMs: number, duration: DurationParts): number {
  // Without years and months every part has a fixed length on a clock without DST changes.
  if (duration.years === 0 && duration.months === 0) {
    return (
      localMs +
      (duration.weeks * 7 + duration.days) * DAY_MS +
      duration.hours * HOUR_MS +
      duration.minutes * 60_000 +
      duration.seconds * 1000 +
      duration.milliseconds
    );
  }
  return plainOf(localMs).add(duration).toZonedDateTime('UTC').epochMilliseconds;
}

/** An hour in which the zone's offset changes. */
const CHANGES = 'changes';

/**
 * The UTC offsets of one time zone, read with Intl once per hour of time asked about and
 * remembered (a zone's offset changes at most once in any hour).
 */
class ZoneOffsets {
  private readonly hours = new Map<number, number | typeof CHANGES>();

  constructor(private readonly timeZone: string) {}

  /** Local time minus UTC throughout the hour of `instant`, in milliseconds, or CHANGES. */
  offsetAt(instant: number): number | typeof CHANGES {
    const hour = Math.floor(instant / HOUR_MS);
    let known = this.hours.get(hour);
    if (known === undefined) {
      // The last millisecond of the hour: a change on the next full hour belongs to that hour.
      const [start, end] = [this.exactOffsetAt(hour * HOUR_MS), this.exactOffsetAt((hour + 1) * HOUR_MS - 1)];
      known = start === end ? start : CHANGES;
      if (this.hours.size >= MAX_REMEMBERED_HOURS) this.hours.clear();
      this.hours.set(hour, known);
    }
    return known;
  }

  private exactOffsetAt(instant: number): number {
    return Date.parse(`${wallClockAt(new Date(instant), this.timeZone)}Z`) - instant;
  }
}

// About eleven years of hours per zone; past that the memory starts over.
const MAX_REMEMBERED_HOURS = 100_000;
const zones = new Map<string, ZoneOffsets>();

function zoneFor(timeZone: string): ZoneOffsets {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = new ZoneOffsets(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}
