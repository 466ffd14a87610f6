import { Injectable } from '@nestjs/common';
import { IntentView, intentRequestedEvent } from '@envrefresh/contracts';
import { HandlerContext, OnEvent, ReceivedEnvelope } from '@envrefresh/messaging';
import { TrackIntentWindowUseCase } from '../application/track-intent-window.use-case';

@Injectable()
export class IntentEventsHandler {
  constructor(private readonly trackWindow: TrackIntentWindowUseCase) {}

  @OnEvent(intentRequestedEvent.type)
  async onIntentRequested(event: ReceivedEnvelope<IntentView>, context: HandlerContext): Promise<void> {
    await this.trackWindow.execute(context.manager, event.data);
  }
}
