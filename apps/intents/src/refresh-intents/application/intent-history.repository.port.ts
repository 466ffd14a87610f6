import type { EntityManager } from 'typeorm';
import type { SqlWrite } from '@envrefresh/persistence';
import type { ActorRef } from '@envrefresh/kernel';
import { HistoryEntry } from '../domain/history-chain';

/** The append-only audit trail (the database refuses UPDATE, DELETE and TRUNCATE). */
export interface IntentHistoryRepository {
  last(manager: EntityManager, intentId: string): Promise<HistoryEntry | null>;
  /** Appends the (pseudonymous) entry and remembers `person`'s name and e-mail in the people directory. */
  append(manager: EntityManager, entry: HistoryEntry, person: ActorRef): Promise<void>;
  /**
   * What `append` does for each, as writes of one statement: each person remembered once (the
   * members their later entries know win), then the entries.
   */
  appendWrites(appended: readonly { entry: HistoryEntry; person: ActorRef }[]): SqlWrite[];
  /** Oldest first. */
  list(manager: EntityManager, intentId: string): Promise<HistoryEntry[]>;
}

export const INTENT_HISTORY_REPOSITORY = Symbol('IntentHistoryRepository');
