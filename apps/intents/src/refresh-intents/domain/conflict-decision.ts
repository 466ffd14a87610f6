import { ConflictView, IntentStatus } from '@envrefresh/contracts';
import { ActorRef } from '@envrefresh/kernel';
import { HistoryContent } from './history-chain';

/** What an approver did about a conflict of the intent, as the conflicts service announced it. */
export type ConflictDecisionKind = 'overridden' | 'acknowledged';

export interface ConflictDecision {
  kind: ConflictDecisionKind;
  conflictId: string;
  type: string;
  severity: string;
  decidedBy: ActorRef;
  decidedAt: Date;
  /** Why the approver overrode it, or the notes they gave with an acknowledgement; null when none. */
  justification: string | null;
}

export type ConflictDecisionReading =
  { ok: true; decision: ConflictDecision } | { ok: false; reason: string };

/**
 * Reads the decision out of the conflict a `conflict.overridden` or `conflict.acknowledged` event
 * carries. Who decided and when are optional in the conflict's schema (an OPEN conflict has
 * neither), so an event of a decision that lacks them cannot be recorded.
 */
export function readConflictDecision(
  kind: ConflictDecisionKind,
  conflict: ConflictView,
): ConflictDecisionReading {
  const [decidedBy, at] =
    kind === 'overridden'
      ? [conflict.overriddenBy, conflict.overriddenAt]
      : [conflict.acknowledgedBy, conflict.acknowledgedAt];
  const decidedAt = at === undefined ? undefined : new Date(at);
  if (!decidedBy?.sub || !decidedAt || Number.isNaN(decidedAt.getTime())) {
    const fields =
      kind === 'overridden' ? 'overriddenBy and overriddenAt' : 'acknowledgedBy and acknowledgedAt';
    return { ok: false, reason: `conflict ${conflict.id} was ${kind} but the event lacks ${fields}` };
  }
  const justification = conflict.justification?.trim() || null;
  return {
    ok: true,
    decision: {
      kind,
      conflictId: conflict.id,
      type: conflict.type,
      severity: conflict.severity,
      decidedBy,
      decidedAt,
      justification,
    },
  };
}

/**
 * The history entry of a decision. A decision does not move the intent, so the entry leaves it in
 * the status it is in; the notes say which conflict it was and, in the approver's words, why.
 */
export function conflictDecisionEntry(
  decision: ConflictDecision,
  intent: { id: string; status: IntentStatus },
  correlationId: string,
): Omit<HistoryContent, 'sequence' | 'previousHash'> {
  return {
    intentId: intent.id,
    action: `conflict.${decision.kind}`,
    actor: decision.decidedBy,
    fromStatus: intent.status,
    toStatus: intent.status,
    notes: decisionNotes(decision),
    at: decision.decidedAt,
    correlationId,
  };
}

function decisionNotes(decision: ConflictDecision): string {
  const verb = decision.kind === 'overridden' ? 'Overrode' : 'Acknowledged';
  const conflict = `${verb} ${decision.severity} ${decision.type} conflict ${decision.conflictId}`;
  if (decision.justification !== null) return `${conflict}: "${decision.justification}"`;
  // An override is meant to carry a justification; the trail says plainly when one did not.
  return decision.kind === 'overridden' ? `${conflict} without a justification.` : `${conflict}.`;
}
