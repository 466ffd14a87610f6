import { fixedDurationMs } from '@envrefresh/kernel';

/** SPEC "Notifications": the pauses between attempts; after the last one a delivery is DEAD. */
export const DEFAULT_DELIVERY_RETRY_SCHEDULE = 'PT10S,PT1M,PT5M,PT30M,PT2H,PT6H,PT12H,PT24H';

/** Pauses in milliseconds; pause n follows failed attempt n. */
export type RetrySchedule = readonly number[];

/** `DELIVERY_RETRY_SCHEDULE`: comma-separated ISO-8601 durations of fixed length (no Y or M). */
export function parseRetrySchedule(text: string): RetrySchedule {
  const entries = text.split(',').map((entry) => entry.trim());
  return entries.map((entry, index) => {
    const ms = fixedDurationMs(entry);
    if (ms === undefined || ms <= 0)
      throw new Error(
        `entry ${index + 1} (${JSON.stringify(entry)}) is not a positive ISO-8601 duration of weeks, days, hours, minutes or seconds`,
      );
    return ms;
  });
}
