import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CalendarCatchUpPayload,
  EnvironmentView,
  IntentView,
  catalogBookingsRpc,
  catalogEnvironmentsRpc,
  catalogIntentsRpc,
  catalogWindowsRpc,
} from '@envrefresh/contracts';
import { OWNER_QUERY_MAX_REFS, retryingTransientFailures } from '@envrefresh/application';
import { OwnerQueries, ProjectionSource, UnitOfWork, catchUp, ownerUnavailable } from '@envrefresh/messaging';
import { CALENDAR_STORE, CalendarStore } from './calendar-store.port';
import { TrackCalendarUseCase } from './track-calendar.use-case';

/**
 * Read your writes for the calendar (ADR 0014). The gateway, after a write answered 2xx, names
 * what changed (ids and versions only); this service asks the owners and takes their answers in
 * through the event handler's own path (TrackCalendarUseCase, upsert only if newer), so the next
 * calendar request shows the change and the event, when it comes, finds nothing to do.
 * Environments and intents carry versions and are asked only when behind; a booking or window
 * write is always read back from conflicts (a cancellation or deletion changes no id), and a
 * window conflicts no longer has is deleted here too.
 */
@Injectable()
export class CalendarCatchUpService {
  private readonly environmentSource: ProjectionSource<EnvironmentView>;
  private readonly intentSource: ProjectionSource<IntentView>;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly owners: OwnerQueries,
    private readonly track: TrackCalendarUseCase,
    @Inject(CALENDAR_STORE) private readonly store: CalendarStore,
  ) {
    this.environmentSource = {
      what: 'environment',
      storedVersions: (ids) => store.environmentVersions(ids),
      fetchFromOwner: (ids) => owners.ask(catalogEnvironmentsRpc, { refs: [...ids] }),
      apply: (view) => this.inTransaction((manager) => track.environmentChanged(manager, view)),
    };
    this.intentSource = {
      what: 'intent',
      storedVersions: (ids) => store.refreshVersions(ids),
      fetchFromOwner: async (ids) => {
        const views: IntentView[] = [];
        for (let from = 0; from < ids.length; from += OWNER_QUERY_MAX_REFS)
          views.push(
            ...(await owners.ask(catalogIntentsRpc, { ids: ids.slice(from, from + OWNER_QUERY_MAX_REFS) })),
          );
        return views;
      },
      apply: (view) => this.inTransaction((manager) => track.intentChanged(manager, view)),
    };
  }

  /**
   * Before a calendar answer: the intent writes the gateway answered lately (ADR 0035). Those
   * already shown cost one indexed read; the others are asked of intents, a hundred at a time.
   */
  async showWrittenIntents(intents: readonly { id: string; version: number }[]): Promise<void> {
    await catchUp(
      this.intentSource,
      intents.map((item) => ({ ref: item.id, atLeast: item.version })),
    );
  }

  async catchUp(wanted: Required<CalendarCatchUpPayload>): Promise<void> {
    await catchUp(
      this.environmentSource,
      wanted.environments.map((item) => ({ ref: item.id, atLeast: Date.parse(item.updatedAt) })),
    );
    await this.showWrittenIntents(wanted.intents);
    if (wanted.bookings.length > 0) {
      const bookings = await this.fromConflicts(() =>
        this.owners.ask(catalogBookingsRpc, { ids: wanted.bookings }),
      );
      for (const booking of bookings)
        await this.inTransaction((manager) => this.track.bookingChanged(manager, booking));
    }
    if (wanted.windows.length > 0) {
      const windows = await this.fromConflicts(() =>
        this.owners.ask(catalogWindowsRpc, { ids: wanted.windows }),
      );
      for (const window of windows)
        await this.inTransaction((manager) => this.track.windowChanged(manager, window, false));
      const answered = new Set(windows.map((window) => window.id));
      for (const gone of await this.store.liveWindowIds(wanted.windows.filter((id) => !answered.has(id))))
        await this.inTransaction((manager) => this.store.markWindowDeleted(manager, gone));
    }
  }

  private async fromConflicts<T>(ask: () => Promise<T>): Promise<T> {
    try {
      return await ask();
    } catch (error) {
      throw ownerUnavailable('booking or window', error);
    }
  }

  private async inTransaction(work: (manager: EntityManager) => Promise<unknown>): Promise<void> {
    await retryingTransientFailures(() => this.unitOfWork.run((transaction) => work(transaction.manager)));
  }
}
