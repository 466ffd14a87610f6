import { Inject, Injectable } from '@nestjs/common';
import { CalendarEntryView } from '@envrefresh/contracts';
import { IntentViewer, WorkBudget } from '@envrefresh/kernel';
import { isRecurring, occurrencesWithinPaced } from '@envrefresh/recurrence';
import {
  bookingEntry,
  byStart,
  ownMaintenanceEntry,
  refreshEntry,
  windowEntry,
  windowPlacement,
} from '../domain/calendar-entries';
import { CalendarFilter } from '../domain/calendar-range';
import { CalendarEnvironment } from '../domain/calendar-sources';
import { CALENDAR_STORE, CalendarStore } from './calendar-store.port';

/**
 * The calendar read side: refreshes the viewer may see, bookings, and every occurrence of the
 * windows covering the filter, expanded in their own timezone. One request's expansion is bounded
 * by a WorkBudget (ADR 0016): past it, 422 with the reason.
 */
@Injectable()
export class CalendarQuery {
  constructor(@Inject(CALENDAR_STORE) private readonly store: CalendarStore) {}

  /** See CalendarStore.generation: read it before the entries it should describe. */
  generation(): Promise<number> {
    return this.store.generation();
  }

  async entries(viewer: IntentViewer, filter: CalendarFilter): Promise<CalendarEntryView[]> {
    const { range } = filter;
    const budget = new WorkBudget({
      what: `the calendar from ${range.start.toISOString()} to ${range.end.toISOString()}`,
      remedy: 'narrow from and to, or filter by environmentId or tier',
    });
    const environments = await this.store.environments();
    const byId = new Map(environments.map((environment) => [environment.id, environment]));
    const inFilter = environments.filter(
      (environment) =>
        (filter.environmentId === undefined || environment.id === filter.environmentId) &&
        (filter.tier === undefined || environment.tier === filter.tier),
    );
    const scope = {
      ...(filter.environmentId !== undefined ? { environmentId: filter.environmentId } : {}),
      ...(filter.tier !== undefined ? { environmentIds: inFilter.map((environment) => environment.id) } : {}),
    };
    const [refreshes, bookings, windows] = await Promise.all([
      this.store.refreshesWithin(range, scope, viewer),
      this.store.bookingsWithin(range, scope),
      this.store.windowsWithin(range),
    ]);

    const entries: CalendarEntryView[] = [
      ...refreshes.map((refresh) => refreshEntry(refresh, byId.get(refresh.environmentId))),
      ...bookings.map((booking) => bookingEntry(booking, byId.get(booking.environmentId))),
    ];
    const tierOf = (id: string) => byId.get(id)?.tier;
    for (const window of windows) {
      const placement = windowPlacement(window, filter, tierOf);
      if (!placement) continue;
      const recurring = isRecurring(window.timing);
      for (const occurrence of await occurrencesWithinPaced(window.timing, range, budget))
        entries.push(windowEntry(window, occurrence, placement, recurring));
    }
    for (const environment of inFilter)
      entries.push(...(await this.ownMaintenance(environment, filter, budget)));
    return entries.sort(byStart);
  }

  private async ownMaintenance(
    environment: CalendarEnvironment,
    filter: CalendarFilter,
    budget: WorkBudget,
  ): Promise<CalendarEntryView[]> {
    const entries: CalendarEntryView[] = [];
    for (const [index, timing] of environment.maintenanceWindows.entries()) {
      const recurring = isRecurring(timing);
      for (const occurrence of await occurrencesWithinPaced(timing, filter.range, budget))
        entries.push(ownMaintenanceEntry(environment, index, occurrence, recurring));
    }
    return entries;
  }
}
