import { ConflictView } from '@envrefresh/contracts';

/** Reads the conflicts that stop an intent from being approved or started right now. */
export interface BlockingConflicts {
  openBlockingFor(intentId: string): Promise<ConflictView[]>;
}

export const BLOCKING_CONFLICTS = Symbol('BlockingConflicts');
