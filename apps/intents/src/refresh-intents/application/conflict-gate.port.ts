import { UserRequestProof } from '@envrefresh/application';
import { IntentView } from '@envrefresh/contracts';

/** What the authority on conflicts says stands in the way of approve or start now. */
export interface GateVerdict {
  /** Stored OPEN BLOCKING conflicts (for start: those overlapping now → plannedEnd). */
  blockingConflictIds: string[];
  /** For a start ahead of plannedStart: BLOCKING findings between now and plannedStart. */
  blockingFindings: string[];
}

/**
 * ADR 0009: approve and start ask the conflicts service, which owns the conflict rules, at that
 * moment. `from` (start) makes it judge the window from then to plannedEnd. Throws when it cannot
 * answer; the caller fails closed.
 */
export interface ConflictGate {
  verdict(intent: IntentView, onBehalfOf: UserRequestProof, from?: Date): Promise<GateVerdict>;
}

export const CONFLICT_GATE = Symbol('ConflictGate');
