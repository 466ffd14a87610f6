import { Injectable } from '@nestjs/common';
import {
  BookingView,
  EnvironmentView,
  EventEnvelope,
  IntentView,
  SUBSCRIBABLE_EVENT_TYPES,
} from '@envrefresh/contracts';
import { HandlerContext, OnEvent, ReceivedEnvelope } from '@envrefresh/messaging';
import { TrackWorldUseCase } from '../../intent-audiences/application/track-world.use-case';
import { FanOutEventUseCase } from '../application/fan-out-event.use-case';

/**
 * Every event a subscription may ask for. What it says about the world is kept first (so the
 * event that creates an environment, a booking or an intent is judged with it known), then who is
 * told is written down as PENDING deliveries, all in the inbox's transaction.
 */
@Injectable()
export class NotificationEventsHandler {
  constructor(
    private readonly world: TrackWorldUseCase,
    private readonly fanOut: FanOutEventUseCase,
  ) {}

  @OnEvent(...SUBSCRIBABLE_EVENT_TYPES)
  async onEvent(event: ReceivedEnvelope, context: HandlerContext): Promise<void> {
    const family = event.type.slice(0, event.type.indexOf('.'));
    if (family === 'intent') await this.world.intent(context.manager, event.data as IntentView);
    else if (family === 'environment')
      await this.world.environment(context.manager, event.data as EnvironmentView);
    else if (family === 'booking') await this.world.booking(context.manager, event.data as BookingView);
    await this.fanOut.execute(context, event as EventEnvelope);
  }
}
