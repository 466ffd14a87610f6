import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BookingView, EnvironmentView, IntentView, WindowView } from '@envrefresh/contracts';
import { occurrenceReachOf } from '@envrefresh/recurrence';
import { CALENDAR_STORE, CalendarStore } from './calendar-store.port';

/** Keeps the calendar's projection from the events of intents and conflicts (and owner answers). */
@Injectable()
export class TrackCalendarUseCase {
  constructor(@Inject(CALENDAR_STORE) private readonly store: CalendarStore) {}

  environmentChanged(manager: EntityManager, environment: EnvironmentView): Promise<boolean> {
    return this.store.saveEnvironment(manager, {
      id: environment.id,
      key: environment.key,
      tier: environment.tier,
      ownerGroup: environment.ownerGroup,
      maintenanceWindows: environment.maintenanceWindows ?? [],
      updatedAt: new Date(environment.updatedAt),
    });
  }

  intentChanged(manager: EntityManager, intent: IntentView): Promise<boolean> {
    return this.store.saveRefresh(manager, {
      intentId: intent.id,
      environmentId: intent.environmentId,
      refreshType: intent.refreshType,
      status: intent.status,
      plannedStart: new Date(intent.plannedStart),
      plannedEnd: new Date(intent.plannedEnd),
      requestedBySub: intent.requestedBy.sub,
      notificationGroups: intent.notificationGroups ?? [],
      version: intent.version,
      updatedAt: new Date(intent.updatedAt),
    });
  }

  bookingChanged(manager: EntityManager, booking: BookingView): Promise<boolean> {
    return this.store.saveBooking(manager, {
      id: booking.id,
      environmentId: booking.environmentId,
      start: new Date(booking.start),
      end: new Date(booking.end),
      group: booking.group,
      purpose: booking.purpose,
      priority: booking.priority,
      cancelled: booking.cancelledAt !== undefined,
      updatedAt: new Date(booking.cancelledAt ?? booking.createdAt),
    });
  }

  windowChanged(manager: EntityManager, window: WindowView, deleted: boolean): Promise<boolean> {
    const { id, kind, name, scope, createdBy: _createdBy, createdAt, ...timing } = window;
    const timingOnly =
      'rrule' in timing
        ? {
            rrule: timing.rrule,
            duration: timing.duration,
            timezone: timing.timezone,
            startsAt: timing.startsAt,
            ...(timing.until !== undefined ? { until: timing.until } : {}),
          }
        : { start: timing.start, end: timing.end };
    return this.store.saveWindow(
      manager,
      {
        id,
        kind,
        name,
        scopeEnvironmentIds: scope.environmentIds ?? [],
        scopeTiers: scope.tiers ?? [],
        timing: timingOnly,
        updatedAt: new Date(createdAt),
      },
      occurrenceReachOf(timingOnly),
      deleted,
    );
  }
}
