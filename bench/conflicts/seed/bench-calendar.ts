export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * The two years the fixtures fill: a year of history behind today (UTC midnight) and a year of
 * plans ahead, so statuses can follow the clock (past intents completed, future ones pending).
 */
export interface BenchCalendar {
  from: Date;
  now: Date;
  to: Date;
}

export function benchCalendar(today = new Date()): BenchCalendar {
  const now = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  return {
    from: new Date(now.getTime() - 365 * DAY_MS),
    now,
    to: new Date(now.getTime() + 365 * DAY_MS),
  };
}

export const TIME_ZONES = [
  'Europe/Berlin',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
  'UTC',
] as const;
