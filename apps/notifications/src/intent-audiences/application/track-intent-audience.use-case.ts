import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IntentView } from '@envrefresh/contracts';
import { INTENT_AUDIENCE_REPOSITORY, IntentAudienceRepository } from './intent-audience.repository.port';

/** Remembers who an intent concerns, so later events about it reach the right people. */
@Injectable()
export class TrackIntentAudienceUseCase {
  constructor(@Inject(INTENT_AUDIENCE_REPOSITORY) private readonly audiences: IntentAudienceRepository) {}

  execute(manager: EntityManager, intent: IntentView): Promise<boolean> {
    return this.audiences.save(manager, {
      intentId: intent.id,
      environmentId: intent.environmentId,
      status: intent.status,
      requestedBy: intent.requestedBy,
      notificationGroups: intent.notificationGroups,
      version: intent.version,
    });
  }
}
