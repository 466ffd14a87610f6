import type {
  BookingPriority,
  EnvironmentTier,
  IntentStatus,
  MaintenanceWindow,
  RefreshType,
  WindowKind,
  WindowTiming,
} from '@envrefresh/contracts';

// What the calendar keeps of other services' data, from their events (ADR 0004): only what an
// entry shows or a filter or the visibility rule reads.

export interface CalendarEnvironment {
  id: string;
  key: string;
  tier: EnvironmentTier;
  ownerGroup: string;
  maintenanceWindows: MaintenanceWindow[];
  updatedAt: Date;
}

export interface CalendarRefresh {
  intentId: string;
  environmentId: string;
  refreshType: RefreshType;
  status: IntentStatus;
  plannedStart: Date;
  plannedEnd: Date;
  requestedBySub: string;
  notificationGroups: string[];
  version: number;
  updatedAt: Date;
}

export interface CalendarBooking {
  id: string;
  environmentId: string;
  start: Date;
  end: Date;
  group: string;
  purpose: string;
  priority: BookingPriority;
  cancelled: boolean;
  updatedAt: Date;
}

export interface CalendarWindow {
  id: string;
  kind: WindowKind;
  name: string;
  scopeEnvironmentIds: string[];
  scopeTiers: EnvironmentTier[];
  timing: WindowTiming;
  updatedAt: Date;
}

/** A booking's version for the projection: created, then cancelled (a booking changes once). */
export function bookingVersion(booking: { cancelled: boolean }): number {
  return booking.cancelled ? 2 : 1;
}
