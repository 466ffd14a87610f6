import type { EntityManager } from 'typeorm';
import type { IntentViewer } from '@envrefresh/kernel';
import type { Interval, OccurrenceReach } from '@envrefresh/recurrence';
import type { CalendarFilter } from '../domain/calendar-range';
import {
  CalendarBooking,
  CalendarEnvironment,
  CalendarRefresh,
  CalendarWindow,
} from '../domain/calendar-sources';

/** The calendar's projection of environments, intents, bookings and windows. */
export interface CalendarStore {
  /** Each save keeps only a newer version than the stored one; returns whether the row changed. */
  saveEnvironment(manager: EntityManager, environment: CalendarEnvironment): Promise<boolean>;
  saveRefresh(manager: EntityManager, refresh: CalendarRefresh): Promise<boolean>;
  saveBooking(manager: EntityManager, booking: CalendarBooking): Promise<boolean>;
  /** A deleted window is kept as deleted, so a late `window.created` cannot bring it back. */
  saveWindow(
    manager: EntityManager,
    window: CalendarWindow,
    reach: OccurrenceReach,
    deleted: boolean,
  ): Promise<boolean>;

  /** Marks a window its owner no longer has as deleted. */
  markWindowDeleted(manager: EntityManager, windowId: string): Promise<boolean>;
  /** The stored versions by id, for catching up (ADR 0014); unknown ids are absent. */
  environmentVersions(ids: readonly string[]): Promise<Map<string, number>>;
  refreshVersions(ids: readonly string[]): Promise<Map<string, number>>;
  /** Ids of the windows stored and not deleted, among these. */
  liveWindowIds(ids: readonly string[]): Promise<string[]>;

  /**
   * The projection's generation: raised by every save that changed a row, in its transaction. Read
   * it before the rows, and the rows hold at least every change up to it.
   */
  generation(): Promise<number>;
  environments(): Promise<CalendarEnvironment[]>;
  /** Refreshes overlapping `range` in the filter that `viewer` may see (SPEC row-level visibility). */
  refreshesWithin(
    range: Interval,
    filter: Pick<CalendarFilter, 'environmentId'> & { environmentIds?: string[] },
    viewer: IntentViewer,
  ): Promise<CalendarRefresh[]>;
  bookingsWithin(
    range: Interval,
    filter: Pick<CalendarFilter, 'environmentId'> & { environmentIds?: string[] },
  ): Promise<CalendarBooking[]>;
  /** Windows not deleted whose occurrences may fall within `range`. */
  windowsWithin(range: Interval): Promise<CalendarWindow[]>;
}

export const CALENDAR_STORE = Symbol('CalendarStore');
