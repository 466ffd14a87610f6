import { MaintenanceWindow } from '@envrefresh/contracts';
import { Problems, isIsoDuration, isKnownTimeZone, parseInstant, NAME_MAX_LENGTH } from '@envrefresh/kernel';

const ONE_OFF = ['start', 'end'];
const RECURRING = ['rrule', 'duration', 'timezone', 'startsAt', 'until'];
const KNOWN = new Set(['name', ...ONE_OFF, ...RECURRING]);
const RRULE =
  /^(RRULE:)?FREQ=(SECONDLY|MINUTELY|HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Za-z0-9,+:-]+)*$/;

/**
 * Maintenance windows are kept as data (the conflicts service expands them): a one-off window
 * `{start, end}` with end after start, or a recurrence `{rrule, duration, timezone, startsAt, until?}`.
 * Returns what was given, for valid input; problems name e.g. `maintenanceWindows[1].end`.
 */
export function validateMaintenanceWindows(value: unknown, problems: Problems): MaintenanceWindow[] {
  if (!Array.isArray(value)) {
    problems.add('maintenanceWindows', 'must be an array of windows');
    return [];
  }
  if (value.length > 50) problems.add('maintenanceWindows', 'may hold at most 50 windows');
  return value.map((window, index) => validateWindow(window, `maintenanceWindows[${index}]`, problems));
}

function validateWindow(value: unknown, path: string, problems: Problems): MaintenanceWindow {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.add(path, 'must be an object: {start, end} or {rrule, duration, timezone, startsAt, until?}');
    return value as MaintenanceWindow;
  }
  const window = value as Record<string, unknown>;
  for (const key of Object.keys(window))
    if (!KNOWN.has(key)) problems.add(`${path}.${key}`, 'is not a window field');
  if (
    window.name !== undefined &&
    (typeof window.name !== 'string' || window.name.length > NAME_MAX_LENGTH)
  ) {
    problems.add(`${path}.name`, 'must be a string of at most 200 characters');
  }
  const oneOff = ONE_OFF.some((key) => key in window);
  const recurring = RECURRING.some((key) => key in window);
  if (oneOff && recurring) {
    problems.add(
      path,
      'is either one-off {start, end} or recurring {rrule, duration, timezone, startsAt}, not both',
    );
  } else if (oneOff) {
    const start = parseInstant(window.start, `${path}.start`, problems);
    const end = parseInstant(window.end, `${path}.end`, problems);
    if (start && end && end <= start)
      problems.add(`${path}.end`, 'must be after start (windows are half-open [start, end))');
  } else {
    if (typeof window.rrule !== 'string' || !RRULE.test(window.rrule)) {
      problems.add(`${path}.rrule`, 'must be an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=SA');
    }
    if (!isIsoDuration(window.duration))
      problems.add(`${path}.duration`, 'must be an ISO-8601 duration such as PT8H');
    if (!isKnownTimeZone(window.timezone))
      problems.add(`${path}.timezone`, 'must be an IANA timezone such as Europe/Paris');
    const startsAt = parseInstant(window.startsAt, `${path}.startsAt`, problems);
    if (window.until !== undefined) {
      const until = parseInstant(window.until, `${path}.until`, problems);
      if (startsAt && until && until <= startsAt) problems.add(`${path}.until`, 'must be after startsAt');
    }
  }
  return window as unknown as MaintenanceWindow;
}
