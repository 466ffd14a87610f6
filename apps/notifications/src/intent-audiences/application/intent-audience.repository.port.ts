import type { EntityManager } from 'typeorm';
import { IntentAudience } from '../domain/intent-audience';

export interface IntentAudienceRepository {
  /** Keeps the newest version of each intent's audience; returns whether it changed. */
  save(manager: EntityManager, audience: IntentAudience): Promise<boolean>;
}

export const INTENT_AUDIENCE_REPOSITORY = Symbol('IntentAudienceRepository');
