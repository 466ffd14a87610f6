import type { EntityManager } from 'typeorm';
import { HistoryEntry } from '../domain/history-chain';

/** The append-only audit trail (the database refuses UPDATE, DELETE and TRUNCATE). */
export interface IntentHistoryRepository {
  last(manager: EntityManager, intentId: string): Promise<HistoryEntry | null>;
  append(manager: EntityManager, entry: HistoryEntry): Promise<void>;
  /** Oldest first. */
  list(manager: EntityManager, intentId: string): Promise<HistoryEntry[]>;
}

export const INTENT_HISTORY_REPOSITORY = Symbol('IntentHistoryRepository');
