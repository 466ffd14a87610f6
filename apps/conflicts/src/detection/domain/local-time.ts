import { wallClockAt } from './wall-clock';
import { DurationParts } from './window-duration';

// Local wall-clock times are written here as milliseconds "as if UTC": 2026-03-29T02:30 local is
// Date.UTC(2026, 2, 29, 2, 30). Recurrences are expanded on that clock, which has no DST changes.

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The instant a local wall-clock time stands for in `timeZone`, disambiguated as Temporal's
 * 'compatible' (and RFC 5545 §3.3.5) do: a time the clocks skip (spring) moves forward by the
 * length of the skip, a time they repeat (autumn) takes the earlier of its two instants.
 */
export function instantOfLocal(localMs: number, timeZone: string): number {
  const zone = zoneFor(timeZone);
  // Real offsets stay within ±14 hours, so the instant lies within a day of the local time read
  // as UTC; time zones never change their offset twice within two days.
  const early = zone.offsetAt(localMs - DAY_MS);
  const late = zone.offsetAt(localMs + DAY_MS);
  if (early === late) return localMs - early;
  const valid = [localMs - early, localMs - late].filter(
    (instant) => zone.offsetAt(instant) === localMs - instant,
  );
  if (valid.length > 0) return Math.min(...valid);
  return localMs - early;
}

/**
 * A local wall-clock time plus a duration, on the local calendar and clock as Temporal's
 * PlainDateTime.add does it: years and months first (31 January + P1M is 28 or 29 February), then
 * weeks, days and time. Kept to the millisecond.
 */
export function addToLocal(localMs: number, duration: DurationParts): number {
  let result = localMs;
  if (duration.years !== 0 || duration.months !== 0) {
    const date = new Date(localMs);
    const monthIndex =
      date.getUTCFullYear() * 12 + date.getUTCMonth() + duration.years * 12 + duration.months;
    const [year, month] = [Math.floor(monthIndex / 12), monthIndex % 12];
    const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
    const moved = new Date(localMs);
    moved.setUTCFullYear(year, month, day);
    result = moved.getTime();
  }
  return (
    result +
    (duration.weeks * 7 + duration.days) * DAY_MS +
    duration.hours * HOUR_MS +
    duration.minutes * 60_000 +
    duration.seconds * 1000 +
    duration.milliseconds
  );
}

function daysInMonth(year: number, month: number): number {
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month + 1, 0);
  return lastDay.getUTCDate();
}

interface Transition {
  at: number;
  before: number;
  after: number;
}

/**
 * The UTC offsets of one time zone, looked up with Intl once per hour of time asked about and
 * remembered: a zone's offset changes at most once in any hour, and a change is located to the
 * second by bisection.
 */
class ZoneOffsets {
  private readonly hours = new Map<number, number | Transition>();

  constructor(private readonly timeZone: string) {}

  /** Local time minus UTC at `instant`, in milliseconds. */
  offsetAt(instant: number): number {
    const hour = Math.floor(instant / HOUR_MS);
    let known = this.hours.get(hour);
    if (known === undefined) {
      known = this.lookUp(hour * HOUR_MS);
      if (this.hours.size >= MAX_REMEMBERED_HOURS) this.hours.clear();
      this.hours.set(hour, known);
    }
    if (typeof known === 'number') return known;
    return instant < known.at ? known.before : known.after;
  }

  private lookUp(from: number): number | Transition {
    const before = this.exactOffsetAt(from);
    const after = this.exactOffsetAt(from + HOUR_MS);
    if (before === after) return before;
    let [earlier, later] = [from, from + HOUR_MS];
    while (later - earlier > 1000) {
      const middle = earlier + Math.floor((later - earlier) / 2000) * 1000;
      if (this.exactOffsetAt(middle) === before) earlier = middle;
      else later = middle;
    }
    return { at: later, before, after };
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
