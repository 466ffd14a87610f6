import { Injectable } from '@nestjs/common';
import { IntentView, intentRequestedEvent } from '@envrefresh/contracts';
import { HandlerContext, OnEvent, ReceivedEnvelope } from '@envrefresh/messaging';
import { TrackPlannedRefreshUseCase } from '../application/track-planned-refresh.use-case';

@Injectable()
export class IntentEventsHandler {
  constructor(private readonly trackPlan: TrackPlannedRefreshUseCase) {}

  @OnEvent(intentRequestedEvent.type)
  async onIntentRequested(event: ReceivedEnvelope<IntentView>, context: HandlerContext): Promise<void> {
    await this.trackPlan.execute(context.manager, event.data);
  }
}
