import { ConflictView } from '@envrefresh/contracts';

/** Reads an intent's conflicts: those that stop it being approved or started now, and all of them. */
export interface BlockingConflicts {
  openBlockingFor(intentId: string): Promise<ConflictView[]>;
  allFor(intentId: string): Promise<ConflictView[]>;
}

export const BLOCKING_CONFLICTS = Symbol('BlockingConflicts');
