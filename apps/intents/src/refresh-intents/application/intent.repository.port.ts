import type { EntityManager } from 'typeorm';
import type { SqlWrite } from '@envrefresh/persistence';
import { IntentStatus } from '@envrefresh/contracts';
import { IntentState, RefreshIntent } from '../domain/refresh-intent';

/** The intent with what its environment says about it (null for an intent whose environment is unknown). */
export interface StoredIntent {
  intent: RefreshIntent;
  environment: { ownerGroup: string; requiresApproval: boolean } | null;
}

/** Who is asking: `all` for admins, otherwise the row-level visibility rule applies in SQL. */
export interface IntentViewer {
  all: boolean;
  sub: string;
  groups: string[];
}

export interface IntentPageQuery {
  viewer: IntentViewer;
  limit: number;
  status?: IntentStatus;
  environmentId?: string;
  /** Window overlap: plannedEnd > from and plannedStart < to. */
  from?: Date;
  to?: Date;
  /** Newest first: only intents created strictly before this position. */
  before?: { createdAt: Date; id: string };
}

export interface RefreshPageQuery {
  environmentId: string;
  limit: number;
  /**
   * Where the previous page ended: the completion time, and for ties the md5 of the intent id, so
   * a cursor ending on a refresh the caller may not see does not carry its id.
   */
  before?: { completedAt: Date; idDigest: string };
}

/** Refresh intents; writes always happen inside the caller's transaction. */
export interface IntentRepository {
  insert(manager: EntityManager, intent: RefreshIntent): Promise<void>;
  /** The same INSERT, to be sent with the rest of a command's writes (UnitOfWork.runAsOneStatement). */
  insertWrite(intent: RefreshIntent): SqlWrite;
  /**
   * `UPDATE … WHERE id = $1 AND version = <version when loaded>`: false when another transaction
   * changed the intent first (so of two racing approvals exactly one wins).
   */
  update(manager: EntityManager, intent: RefreshIntent): Promise<boolean>;
  /** `forUpdate` locks the intent row until the transaction ends. */
  findById(
    manager: EntityManager,
    id: string,
    options?: { forUpdate?: boolean },
  ): Promise<StoredIntent | null>;
  page(manager: EntityManager, query: IntentPageQuery): Promise<RefreshIntent[]>;
  /** COMPLETED intents of one environment, most recently completed first. */
  completedRefreshes(manager: EntityManager, query: RefreshPageQuery): Promise<IntentState[]>;
}

export const INTENT_REPOSITORY = Symbol('IntentRepository');
