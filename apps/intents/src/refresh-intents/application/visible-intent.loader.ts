import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActingUser, canSeeIntent, isUuid } from '@envrefresh/kernel';
import { intentNotFound } from '../domain/intent.errors';
import { INTENT_REPOSITORY, IntentRepository, StoredIntent } from './intent.repository.port';

/** Loads an intent for someone: one they may not see does not exist for them (INTENT.NOT_FOUND). */
@Injectable()
export class VisibleIntentLoader {
  constructor(@Inject(INTENT_REPOSITORY) private readonly intents: IntentRepository) {}

  async load(manager: EntityManager, user: ActingUser, intentId: unknown): Promise<StoredIntent> {
    const stored = isUuid(intentId) ? await this.intents.findById(manager, intentId) : null;
    if (
      !stored ||
      !canSeeIntent(user, {
        requestedBySub: stored.intent.requestedBy.sub,
        notificationGroups: stored.intent.notificationGroups,
        environmentOwnerGroup: stored.environment?.ownerGroup ?? null,
      })
    ) {
      throw intentNotFound(intentId);
    }
    return stored;
  }
}
