/** An intent as scheduling sees it: when it should start and end, and how far it has gone. */
export interface PlannedRefresh {
  intentId: string;
  environmentId: string;
  status: string;
  plannedStart: Date;
  plannedEnd: Date;
  version: number;
}

/** Reminder moments before the start, dropping those already past: a late reminder is noise. */
export function upcomingReminders(
  refresh: Pick<PlannedRefresh, 'plannedStart'>,
  leadTimesMs: readonly number[],
  now: Date,
): Date[] {
  return leadTimesMs
    .map((lead) => new Date(refresh.plannedStart.getTime() - lead))
    .filter((moment) => moment > now)
    .sort((a, b) => a.getTime() - b.getTime());
}
