import { Temporal } from 'temporal-polyfill';

/**
 * A window as people read it: in the environment's time zone with its UTC offset (which DST
 * changes, so each end carries its own), and in UTC. Temporal does the zone rules.
 */
export function localWindow(startIso: string, endIso: string, timeZone: string): string {
  const start = zoned(startIso, timeZone);
  const end = zoned(endIso, timeZone);
  const sameDay = start.toPlainDate().equals(end.toPlainDate());
  const startText = `${dateOf(start)} ${timeOf(start)}`;
  const endText = sameDay ? timeOf(end) : `${dateOf(end)} ${timeOf(end)}`;
  const offsets = start.offset === end.offset ? offsetOf(start) : `${offsetOf(start)} → ${offsetOf(end)}`;
  return `${startText} – ${endText} ${timeZone} (${offsets})`;
}

export function utcWindow(startIso: string, endIso: string): string {
  return localWindow(startIso, endIso, 'UTC').replace(/ UTC \(UTC\)$/, ' UTC');
}

/** One instant in the zone, e.g. for a reminder's due time. */
export function localInstant(iso: string, timeZone: string): string {
  const at = zoned(iso, timeZone);
  return `${dateOf(at)} ${timeOf(at)} ${timeZone} (${offsetOf(at)})`;
}

export function utcInstant(iso: string): string {
  const at = zoned(iso, 'UTC');
  return `${dateOf(at)} ${timeOf(at)} UTC`;
}

/** A zone Temporal knows, else UTC: a bad projection must not stop a notice. */
export function knownTimeZone(timeZone: string | undefined): string | null {
  if (!timeZone) return null;
  try {
    Temporal.Now.instant().toZonedDateTimeISO(timeZone);
    return timeZone;
  } catch {
    return null;
  }
}

function zoned(iso: string, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone);
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function dateOf(at: Temporal.ZonedDateTime): string {
  return `${WEEKDAYS[at.dayOfWeek - 1]} ${at.toPlainDate().toString()}`;
}

function timeOf(at: Temporal.ZonedDateTime): string {
  return `${pad(at.hour)}:${pad(at.minute)}`;
}

function offsetOf(at: Temporal.ZonedDateTime): string {
  return at.offset === '+00:00' ? 'UTC' : `UTC${at.offset}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
