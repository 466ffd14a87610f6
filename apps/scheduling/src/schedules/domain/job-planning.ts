import { Temporal } from 'temporal-polyfill';
import { ScheduleJobKind } from '@envrefresh/contracts';

/** What an environment says about the timing of its refreshes' jobs. */
export interface JobTimings {
  /** ISO-8601 durations before plannedStart, e.g. P7D, P1D, PT1H. */
  reminderLeadTimes: readonly string[];
  /** ISO-8601 duration after plannedEnd before an unfinished refresh is overrunning. */
  overrunGrace: string;
  /** IANA timezone: a lead time of P1D or P1M is a calendar day or month there. */
  timezone: string;
}

export interface RefreshWindow {
  plannedStart: Date;
  plannedEnd: Date;
}

export interface PlannedJob {
  kind: ScheduleJobKind;
  leadTime?: string;
  dueAt: Date;
  /** SKIPPED: a reminder whose moment had already passed when the schedule was made. */
  status: 'PENDING' | 'SKIPPED';
}

/**
 * The jobs of a schedule made at `now`: one REMINDER per lead time before the start, the START at
 * plannedStart and the OVERRUN at plannedEnd + grace, in due order. A reminder already in the
 * past is SKIPPED, never sent: "starts in 7 days" said two days before the start is wrong.
 */
export function planJobs(window: RefreshWindow, timings: JobTimings, now: Date): PlannedJob[] {
  const reminders: PlannedJob[] = timings.reminderLeadTimes.map((leadTime) => {
    const dueAt = shift(window.plannedStart, leadTime, timings.timezone, -1);
    return { kind: 'REMINDER', leadTime, dueAt, status: dueAt <= now ? 'SKIPPED' : 'PENDING' };
  });
  const jobs: PlannedJob[] = [
    ...reminders,
    { kind: 'START', dueAt: window.plannedStart, status: 'PENDING' },
    {
      kind: 'OVERRUN',
      dueAt: shift(window.plannedEnd, timings.overrunGrace, timings.timezone, 1),
      status: 'PENDING',
    },
  ];
  return jobs.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** `instant` moved by an ISO-8601 duration, calendar units counted in `timezone`. */
function shift(instant: Date, duration: string, timezone: string, sign: 1 | -1): Date {
  const zoned = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timezone);
  const by = Temporal.Duration.from(duration);
  const moved = sign > 0 ? zoned.add(by) : zoned.subtract(by);
  return new Date(moved.epochMilliseconds);
}
