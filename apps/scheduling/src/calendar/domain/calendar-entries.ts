import type { CalendarEntryKind, CalendarEntryView, EnvironmentTier } from '@envrefresh/contracts';
import type { Interval } from '@envrefresh/recurrence';
import type { CalendarFilter } from './calendar-range';
import { CalendarBooking, CalendarEnvironment, CalendarRefresh, CalendarWindow } from './calendar-sources';

// How each source becomes a calendar entry. UIDs are built from ids and, for an occurrence of a
// recurrence, its start: stable across fetches and unique per occurrence, as RFC 5545 asks.

const UID_DOMAIN = 'envrefresh';

/** `20261201T220000Z`: an instant as RFC 5545 writes a UTC date-time. */
export function icalStamp(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function uidOf(kind: CalendarEntryKind, ref: string, occurrence?: Date): string {
  const safeRef = ref.replace(/[^A-Za-z0-9-]/g, '-');
  const suffix = occurrence ? `-${icalStamp(occurrence)}` : '';
  return `${kind.toLowerCase()}-${safeRef}${suffix}@${UID_DOMAIN}`;
}

export function refreshEntry(refresh: CalendarRefresh, environment?: CalendarEnvironment): CalendarEntryView {
  const where = environment?.key ?? 'an environment';
  return {
    kind: 'REFRESH',
    start: refresh.plannedStart.toISOString(),
    end: refresh.plannedEnd.toISOString(),
    environmentId: refresh.environmentId,
    title: `${refresh.refreshType} refresh of ${where}`,
    status: refresh.status,
    ref: refresh.intentId,
    uid: uidOf('REFRESH', refresh.intentId),
    sequence: refresh.version,
    updatedAt: refresh.updatedAt.toISOString(),
  };
}

export function bookingEntry(booking: CalendarBooking, environment?: CalendarEnvironment): CalendarEntryView {
  return {
    kind: 'BOOKING',
    start: booking.start.toISOString(),
    end: booking.end.toISOString(),
    environmentId: booking.environmentId,
    title: `${environment?.key ?? 'Environment'} booked by ${booking.group}: ${booking.purpose}`,
    status: booking.cancelled ? 'CANCELLED' : 'ACTIVE',
    ref: booking.id,
    uid: uidOf('BOOKING', booking.id),
    sequence: booking.cancelled ? 1 : 0,
    updatedAt: booking.updatedAt.toISOString(),
  };
}

/**
 * Whether a window shows on a calendar so filtered, and under which environment. Asked for one
 * environment: every window covering it (by id, by its tier, or globally), under its id. Asked
 * for a tier: windows covering that tier or one of its environments. Unfiltered: all. A window
 * covering several environments then appears once, with environmentId null; one scoped to a
 * single environment, under that environment.
 */
export function windowPlacement(
  window: Pick<CalendarWindow, 'scopeEnvironmentIds' | 'scopeTiers'>,
  filter: Pick<CalendarFilter, 'environmentId' | 'tier'>,
  tierOf: (environmentId: string) => EnvironmentTier | undefined,
): { environmentId: string | null } | undefined {
  const global = window.scopeEnvironmentIds.length === 0 && window.scopeTiers.length === 0;
  if (filter.environmentId !== undefined) {
    const tier = tierOf(filter.environmentId);
    const covers =
      global ||
      window.scopeEnvironmentIds.includes(filter.environmentId) ||
      (tier !== undefined && window.scopeTiers.includes(tier));
    if (!covers || (filter.tier !== undefined && tier !== filter.tier)) return undefined;
    return { environmentId: filter.environmentId };
  }
  if (filter.tier !== undefined) {
    const wanted = filter.tier;
    const covers =
      global ||
      window.scopeTiers.includes(wanted) ||
      window.scopeEnvironmentIds.some((id) => tierOf(id) === wanted);
    if (!covers) return undefined;
  }
  const single = window.scopeTiers.length === 0 && window.scopeEnvironmentIds.length === 1;
  return { environmentId: single ? window.scopeEnvironmentIds[0] : null };
}

export function windowEntry(
  window: CalendarWindow,
  occurrence: Interval,
  placement: { environmentId: string | null },
  recurring: boolean,
): CalendarEntryView {
  return {
    kind: window.kind,
    start: occurrence.start.toISOString(),
    end: occurrence.end.toISOString(),
    environmentId: placement.environmentId,
    title: window.name,
    status: 'ACTIVE',
    ref: window.id,
    uid: uidOf(window.kind, window.id, recurring ? occurrence.start : undefined),
    sequence: 0,
    updatedAt: window.updatedAt.toISOString(),
  };
}

/** One occurrence of an environment's own maintenance window (SPEC "Environments"). */
export function ownMaintenanceEntry(
  environment: CalendarEnvironment,
  index: number,
  occurrence: Interval,
  recurring: boolean,
): CalendarEntryView {
  const ref = `${environment.id}#maintenance-${index}`;
  return {
    kind: 'MAINTENANCE',
    start: occurrence.start.toISOString(),
    end: occurrence.end.toISOString(),
    environmentId: environment.id,
    title: environment.maintenanceWindows[index]?.name ?? `${environment.key} maintenance`,
    status: 'ACTIVE',
    ref,
    uid: uidOf('MAINTENANCE', ref, recurring ? occurrence.start : undefined),
    sequence: 0,
    updatedAt: environment.updatedAt.toISOString(),
  };
}

/** Earliest first; ties by kind and UID, so the same calendar reads the same every time. */
export function byStart(a: CalendarEntryView, b: CalendarEntryView): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}
