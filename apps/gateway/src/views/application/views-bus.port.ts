import type { Invalidation } from '../domain/view-cache';

export interface ViewsBusHandlers {
  /** Applied before the ack goes back: the ack says "I no longer serve it". */
  invalidate(invalidation: Invalidation): void;
  /** An event of a view-changing family from the events exchange. */
  event(type: string, data: unknown): void;
  /** The queue is consuming again: whatever was sent while it was not is lost. */
  resubscribed(): void;
}

/** Outcome of one barrier: how many peers it waited for and whether all of them answered in time. */
export interface BarrierOutcome {
  peers: number;
  complete: boolean;
}

/** What the read path needs of the replicas' barrier (ADR 0031), whatever carries it. */
export interface ViewsBusPort {
  start(handlers: ViewsBusHandlers): void;
  /** Whether invalidations demonstrably reach this replica now: only then may it answer from memory. */
  flowing(): boolean;
  peerCount(): number;
  /** Sends the invalidation to every replica and waits for each known peer's ack, at most `waitMs`. */
  announce(invalidation: Invalidation, waitMs: number): Promise<BarrierOutcome>;
  close(): Promise<void>;
}

export const VIEWS_BUS = Symbol('ViewsBus');
