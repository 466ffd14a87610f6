import type { EntityManager } from 'typeorm';
import { ActorRef, ConflictStatus, ConflictView } from '@envrefresh/contracts';
import type { IntentAudience, IntentViewer } from '@envrefresh/kernel';
import { Finding } from '../../detection/domain/situation';
import { Discretion } from '../../detection/domain/discretion';
import { LiveConflict } from '../domain/reconciliation';

/** Who asks, as far as row-level visibility goes (SPEC "Identity and roles"). */
export type Viewer = IntentViewer;

/** A conflict with what decides who may see it and act on it: its intent's audience. */
export interface ConflictOnIntent {
  conflict: ConflictView;
  audience: IntentAudience;
  /** How to word it for a caller who may not see its related intent. */
  discretion: Discretion;
}

/** A conflict as stored, with what it takes to word it for a caller who may not see its related intent. */
export interface StoredConflict {
  view: ConflictView;
  discretion: Discretion;
}

export interface ConflictListQuery {
  viewer: Viewer;
  status?: ConflictStatus;
  environmentId?: string;
  intentId?: string;
  limit: number;
  after?: { createdAt: string; id: string };
}

/** The stored conflicts: what recomputation writes and what approvers act on. */
export interface ConflictRegister {
  /** The intent's conflicts that are not RESOLVED, locked for this transaction. */
  liveFor(manager: EntityManager, intentId: string): Promise<LiveConflict[]>;
  detect(
    manager: EntityManager,
    intent: { intentId: string; environmentId: string },
    finding: Finding,
    causeKey: string,
    at: Date,
  ): Promise<ConflictView>;
  resolve(manager: EntityManager, conflictId: string, at: Date): Promise<ConflictView>;
  reword(
    manager: EntityManager,
    conflictId: string,
    words: { explanation: string; discreetExplanation: string | null },
    at: Date,
  ): Promise<void>;
  /** One conflict, locked, with its intent's audience; null when unknown. */
  lock(manager: EntityManager, conflictId: string): Promise<ConflictOnIntent | null>;
  acknowledge(
    manager: EntityManager,
    conflictId: string,
    by: ActorRef,
    at: Date,
    notes?: string,
  ): Promise<ConflictView>;
  override(
    manager: EntityManager,
    conflictId: string,
    by: ActorRef,
    at: Date,
    justification: string,
  ): Promise<ConflictView>;
  openBlockingFor(manager: EntityManager, intentId: string): Promise<ConflictView[]>;
  allFor(manager: EntityManager, intentId: string): Promise<StoredConflict[]>;
  list(manager: EntityManager, query: ConflictListQuery): Promise<StoredConflict[]>;
  /** Intents with a live conflict whose related thing is this id (an intent, booking, window or environment). */
  intentsReferencing(manager: EntityManager, relatedId: string): Promise<string[]>;
}

export const CONFLICT_REGISTER = Symbol('ConflictRegister');
