import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CreateIntentRequest,
  IntentView,
  intentDraftedEvent,
  intentRequestedEvent,
} from '@envrefresh/contracts';
import { EventFactory, UnitOfWork } from '@envrefresh/messaging';
import { RefreshIntent } from '../domain/refresh-intent';
import { INTENT_REPOSITORY, IntentRepository } from './intent.repository.port';
import { toIntentView } from './intent-view.mapper';

/** Files a refresh intent; the intent and its event are committed together or not at all. */
@Injectable()
export class FileIntentUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly events: EventFactory,
    @Inject(INTENT_REPOSITORY) private readonly intents: IntentRepository,
  ) {}

  async execute({ actor, payload }: Pick<CreateIntentRequest, 'actor' | 'payload'>): Promise<IntentView> {
    const intent = RefreshIntent.file(
      { ...payload, id: randomUUID(), requestedBy: { sub: actor.sub, name: actor.name, email: actor.email } },
      new Date(),
    );
    const view = toIntentView(intent.snapshot());
    await this.unitOfWork.run(async (transaction) => {
      await this.intents.insert(transaction.manager, intent);
      const definition = intent.status === 'REQUESTED' ? intentRequestedEvent : intentDraftedEvent;
      await transaction.publish(this.events.create(definition, view));
    });
    return view;
  }
}
