import type { EnvironmentTier, MaintenanceWindow, WindowTiming } from '@envrefresh/contracts';
import type { WorkBudget } from '@envrefresh/kernel';
import { Interval, occurrencesWithinPaced } from '@envrefresh/recurrence';
import { WindowRow } from '../../shared/infrastructure/world-rows';
import { WindowOccurrence } from '../domain/situation';

export function timingOf(row: WindowRow): WindowTiming {
  if (row.rrule === null)
    return { start: (row.start as Date).toISOString(), end: (row.end as Date).toISOString() };
  return {
    rrule: row.rrule,
    duration: row.duration as string,
    timezone: row.timezone as string,
    startsAt: (row.starts_at as Date).toISOString(),
    ...(row.until ? { until: row.until.toISOString() } : {}),
  };
}

/**
 * The occurrences of a `/windows` window within `span`, with the environments of the situation it
 * covers. With a budget, they are spent from it and the expansion yields between chunks.
 */
export async function occurrencesOfWindow(
  row: WindowRow,
  span: Interval,
  environments: { id: string; tier: EnvironmentTier }[],
  budget?: WorkBudget,
): Promise<WindowOccurrence[]> {
  const global = row.scope_environment_ids.length === 0 && row.scope_tiers.length === 0;
  const coveredEnvironmentIds = environments
    .filter(
      (environment) =>
        global ||
        row.scope_environment_ids.includes(environment.id) ||
        row.scope_tiers.includes(environment.tier),
    )
    .map((environment) => environment.id);
  if (coveredEnvironmentIds.length === 0) return [];
  return (await occurrencesWithinPaced(timingOf(row), span, budget)).map((window) => ({
    windowId: row.id,
    kind: row.kind,
    name: row.name,
    window,
    coveredEnvironmentIds,
    origin: 'WINDOW' as const,
  }));
}

/** The occurrences of an environment's own maintenance windows within `span`; each covers that environment only. */
export async function occurrencesOfOwnMaintenance(
  environment: { id: string; key: string; maintenanceWindows: MaintenanceWindow[] },
  span: Interval,
  budget?: WorkBudget,
): Promise<WindowOccurrence[]> {
  const occurrences: WindowOccurrence[] = [];
  for (const [index, timing] of environment.maintenanceWindows.entries()) {
    for (const window of await occurrencesWithinPaced(timing, span, budget)) {
      occurrences.push({
        windowId: `${environment.id}#maintenance-${index}`,
        kind: 'MAINTENANCE' as const,
        name: timing.name ?? `${environment.key} maintenance`,
        window,
        coveredEnvironmentIds: [environment.id],
        origin: 'ENVIRONMENT' as const,
      });
    }
  }
  return occurrences;
}

/** Own maintenance windows still in force: any recurrence, or a one-off window not yet over. */
export function hasOwnMaintenanceInForce(windows: MaintenanceWindow[], now: Date): boolean {
  return windows.some((timing) => !('end' in timing) || new Date(timing.end) > now);
}
