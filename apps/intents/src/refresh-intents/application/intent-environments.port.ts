import type { EntityManager } from 'typeorm';
import { TransactionContext } from '@envrefresh/messaging';

export interface IntentEnvironment {
  id: string;
  ownerGroup: string;
  requiresApproval: boolean;
}

/** What the intents context asks of the environment catalog (bound to the environments context). */
export interface IntentEnvironments {
  findById(manager: EntityManager, id: string): Promise<IntentEnvironment | null>;
  /** By id or key; ENVIRONMENT.NOT_FOUND otherwise. */
  resolve(manager: EntityManager, ref: unknown): Promise<IntentEnvironment>;
  recordRefresh(transaction: TransactionContext, environmentId: string, completedAt: Date): Promise<void>;
}

export const INTENT_ENVIRONMENTS = Symbol('IntentEnvironments');
