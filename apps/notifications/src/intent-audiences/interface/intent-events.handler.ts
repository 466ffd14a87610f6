import { Injectable } from '@nestjs/common';
import { IntentView, intentRequestedEvent } from '@envrefresh/contracts';
import { HandlerContext, OnEvent, ReceivedEnvelope } from '@envrefresh/messaging';
import { TrackIntentAudienceUseCase } from '../application/track-intent-audience.use-case';

@Injectable()
export class IntentEventsHandler {
  constructor(private readonly trackAudience: TrackIntentAudienceUseCase) {}

  @OnEvent(intentRequestedEvent.type)
  async onIntentRequested(event: ReceivedEnvelope<IntentView>, context: HandlerContext): Promise<void> {
    await this.trackAudience.execute(context.manager, event.data);
  }
}
