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
import { TrackCalendarUseCase } from '../application/track-calendar.use-case';

/** Everything the calendar shows comes from these events: intents, the catalog, bookings, windows. */
@Injectable()
export class CalendarEventsHandler {
  constructor(private readonly track: TrackCalendarUseCase) {}

  @OnEvent(...INTENT_EVENT_TYPES)
  async onIntent(event: ReceivedEnvelope<IntentView>, context: HandlerContext): Promise<void> {
    await this.track.intentChanged(context.manager, event.data);
  }

  @OnEvent(environmentUpsertedEvent.type)
  async onEnvironment(event: ReceivedEnvelope<EnvironmentView>, context: HandlerContext): Promise<void> {
    await this.track.environmentChanged(context.manager, event.data);
  }

  @OnEvent(bookingCreatedEvent.type, bookingCancelledEvent.type)
  async onBooking(event: ReceivedEnvelope<BookingView>, context: HandlerContext): Promise<void> {
    await this.track.bookingChanged(context.manager, event.data);
  }

  @OnEvent(windowCreatedEvent.type, windowDeletedEvent.type)
  async onWindow(event: ReceivedEnvelope<WindowView>, context: HandlerContext): Promise<void> {
    await this.track.windowChanged(context.manager, event.data, event.type === windowDeletedEvent.type);
  }
}
