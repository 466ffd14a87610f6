import { Injectable } from '@nestjs/common';
import {
  EnvironmentView,
  INTENT_EVENT_TYPES,
  IntentView,
  environmentUpsertedEvent,
} from '@envrefresh/contracts';
import { HandlerContext, OnEvent, ReceivedEnvelope } from '@envrefresh/messaging';
import { EnvironmentCatchUpService } from '../application/environment-catch-up.service';
import { IntentChangedUseCase } from '../application/intent-changed.use-case';

/** What the intents service tells everyone: the catalog's timings, and every intent's state. */
@Injectable()
export class CatalogEventsHandler {
  constructor(
    private readonly intentChanged: IntentChangedUseCase,
    private readonly environments: EnvironmentCatchUpService,
  ) {}

  @OnEvent(...INTENT_EVENT_TYPES)
  async onIntentEvent(event: ReceivedEnvelope<IntentView>, context: HandlerContext): Promise<void> {
    await this.intentChanged.execute(context, event.data);
  }

  @OnEvent(environmentUpsertedEvent.type)
  async onEnvironmentUpserted(
    event: ReceivedEnvelope<EnvironmentView>,
    context: HandlerContext,
  ): Promise<void> {
    await this.environments.store(context.manager, event.data);
  }
}
