import { Injectable } from '@nestjs/common';
import {
  BookingView,
  EnvironmentView,
  INTENT_EVENT_TYPES,
  IntentView,
  WindowView,
  bookingCancelledEvent,
  bookingCreatedEvent,
  environmentUpsertedEvent,
  windowCreatedEvent,
  windowDeletedEvent,
} from '@envrefresh/contracts';
import { HandlerContext, OnEvent, ReceivedEnvelope } from '@envrefresh/messaging';
import { WorldChangesService } from '../application/world-changes.service';

/**
 * Every event that changes what conflicts depend on: each intent event (an intent's window, status
 * and source live in all of them), the catalog, and this service's own bookings and windows, which
 * it hears back like any consumer so their effect is computed in one place.
 */
@Injectable()
export class WorldEventsHandler {
  constructor(private readonly changes: WorldChangesService) {}

  @OnEvent(...INTENT_EVENT_TYPES)
  onIntent(event: ReceivedEnvelope<IntentView>, context: HandlerContext) {
    return this.changes.intentChanged(context, event.data);
  }

  @OnEvent(environmentUpsertedEvent.type)
  onEnvironmentUpserted(event: ReceivedEnvelope<EnvironmentView>, context: HandlerContext) {
    return this.changes.environmentChanged(context, event.data);
  }

  @OnEvent(bookingCreatedEvent.type, bookingCancelledEvent.type)
  onBooking(event: ReceivedEnvelope<BookingView>, context: HandlerContext) {
    return this.changes.bookingChanged(context, event.data);
  }

  @OnEvent(windowCreatedEvent.type, windowDeletedEvent.type)
  onWindow(event: ReceivedEnvelope<WindowView>, context: HandlerContext) {
    return this.changes.windowChanged(context, event.data);
  }
}
