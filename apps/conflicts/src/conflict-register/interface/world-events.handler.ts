import { Injectable } from '@nestjs/common';
import {
  BookingView,
  EnvironmentView,
  IntentView,
  WindowView,
  bookingCancelledEvent,
  bookingCreatedEvent,
  environmentUpsertedEvent,
  intentAmendedEvent,
  intentApprovedEvent,
  intentCancelledEvent,
  intentCompletedEvent,
  intentDraftedEvent,
  intentFailedEvent,
  intentRejectedEvent,
  intentRequestedEvent,
  intentRolledBackEvent,
  intentScheduledEvent,
  intentStartedEvent,
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

  @OnEvent(intentDraftedEvent.type)
  onDrafted(event: ReceivedEnvelope<IntentView>, context: HandlerContext) {
    return this.changes.intentChanged(context, event.data);
  }

  @OnEvent(intentRequestedEvent.type)
  onRequested(event: ReceivedEnvelope<IntentView>, context: HandlerContext) {
    return this.changes.intentChanged(context, event.data);
  }

  @OnEvent(intentAmendedEvent.type)
  onAmended(event: ReceivedEnvelope<IntentView>, context: HandlerContext) {
    return this.changes.intentChanged(context, event.data);
  }

  @OnEvent(intentApprovedEvent.type)
  onApproved(event: ReceivedEnvelope<IntentView>, context: HandlerContext) {
    return this.changes.intentChanged(context, event.data);
  }

  @OnEvent(intentRejectedEvent.type)
  onRejected(event: ReceivedEnvelope<IntentView>, context: HandlerContext) {
    return this.changes.intentChanged(context, event.data);
  }

  @OnEvent(intentScheduledEvent.type)
  onScheduled(event: ReceivedEnvelope<IntentView>, context: HandlerContext) {
    return this.changes.intentChanged(context, event.data);
  }

  @OnEvent(intentStartedEvent.type)
  onStarted(event: ReceivedEnvelope<IntentView>, context: HandlerContext) {
    return this.changes.intentChanged(context, event.data);
  }

  @OnEvent(intentCompletedEvent.type)
  onCompleted(event: ReceivedEnvelope<IntentView>, context: HandlerContext) {
    return this.changes.intentChanged(context, event.data);
  }

  @OnEvent(intentFailedEvent.type)
  onFailed(event: ReceivedEnvelope<IntentView>, context: HandlerContext) {
    return this.changes.intentChanged(context, event.data);
  }

  @OnEvent(intentRolledBackEvent.type)
  onRolledBack(event: ReceivedEnvelope<IntentView>, context: HandlerContext) {
    return this.changes.intentChanged(context, event.data);
  }

  @OnEvent(intentCancelledEvent.type)
  onCancelled(event: ReceivedEnvelope<IntentView>, context: HandlerContext) {
    return this.changes.intentChanged(context, event.data);
  }

  @OnEvent(environmentUpsertedEvent.type)
  onEnvironmentUpserted(event: ReceivedEnvelope<EnvironmentView>, context: HandlerContext) {
    return this.changes.environmentChanged(context, event.data);
  }

  @OnEvent(bookingCreatedEvent.type)
  onBookingCreated(event: ReceivedEnvelope<BookingView>, context: HandlerContext) {
    return this.changes.bookingChanged(context, event.data);
  }

  @OnEvent(bookingCancelledEvent.type)
  onBookingCancelled(event: ReceivedEnvelope<BookingView>, context: HandlerContext) {
    return this.changes.bookingChanged(context, event.data);
  }

  @OnEvent(windowCreatedEvent.type)
  onWindowCreated(event: ReceivedEnvelope<WindowView>, context: HandlerContext) {
    return this.changes.windowChanged(context, event.data);
  }

  @OnEvent(windowDeletedEvent.type)
  onWindowDeleted(event: ReceivedEnvelope<WindowView>, context: HandlerContext) {
    return this.changes.windowChanged(context, event.data);
  }
}
