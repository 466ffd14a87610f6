import type { EntityManager } from 'typeorm';
import { RefreshIntent } from '../domain/refresh-intent';

/** Where intents are kept; always written inside the caller's transaction. */
export interface IntentRepository {
  insert(manager: EntityManager, intent: RefreshIntent): Promise<void>;
}

export const INTENT_REPOSITORY = Symbol('IntentRepository');
