const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The local wall-clock date and time of `instant` in `timeZone`, as an ISO-8601 date-time without
 * offset (`2026-03-29T22:00:00.000`). Recurrences are expanded on this clock.
 */
export function wallClockAt(instant: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const millis = String(instant.getUTCMilliseconds()).padStart(3, '0');
  return `${parts.year.padStart(4, '0')}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${millis}`;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
