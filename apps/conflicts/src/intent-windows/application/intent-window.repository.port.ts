import type { EntityManager } from 'typeorm';
import { IntentWindow } from '../domain/intent-window';

export interface IntentWindowRepository {
  /** Keeps the newest version of each intent's window; returns whether it changed. */
  save(manager: EntityManager, window: IntentWindow): Promise<boolean>;
}

export const INTENT_WINDOW_REPOSITORY = Symbol('IntentWindowRepository');
