import type { ConflictSeverity, ConflictStatus } from '@envrefresh/contracts';
import { causeKey, Finding, Interval } from '../../detection/domain';

/** A stored conflict that is not RESOLVED, as recomputation compares it with what the rules find now. */
export interface LiveConflict {
  id: string;
  causeKey: string;
  severity: ConflictSeverity;
  window: Interval;
  explanation: string;
  /** The wording for callers who may not see the related intent, where there is one. */
  discreetExplanation?: string | null;
  status: ConflictStatus;
}

export interface ReconciliationPlan {
  /** New conflicts to store OPEN and announce with `conflict.detected`. */
  detect: Finding[];
  /** Conflicts whose cause is gone or changed: RESOLVED, announced with `conflict.resolved`. */
  resolve: LiveConflict[];
  /** Same cause, same severity and overlap, only the words changed (a renamed environment): updated quietly. */
  reword: { id: string; explanation: string; discreetExplanation: string | null }[];
}

/**
 * What must change so the stored conflicts of one intent say what the rules find now. A cause that
 * persists keeps its conflict, and with it an acknowledgement or override; a cause that changed
 * (another severity or another overlap) is a new conflict, because what the approver accepted is
 * no longer what is there.
 */
export function planReconciliation(live: LiveConflict[], findings: Finding[]): ReconciliationPlan {
  const liveByCause = new Map(live.map((conflict) => [conflict.causeKey, conflict]));
  const plan: ReconciliationPlan = { detect: [], resolve: [], reword: [] };
  const found = new Set<string>();
  for (const finding of findings) {
    const cause = causeKey(finding);
    if (found.has(cause)) continue;
    found.add(cause);
    const existing = liveByCause.get(cause);
    if (!existing) {
      plan.detect.push(finding);
    } else if (!sameCause(existing, finding)) {
      plan.resolve.push(existing);
      plan.detect.push(finding);
    } else if (
      existing.explanation !== finding.explanation ||
      (existing.discreetExplanation ?? null) !== discreetOf(finding)
    ) {
      plan.reword.push({
        id: existing.id,
        explanation: finding.explanation,
        discreetExplanation: discreetOf(finding),
      });
    }
  }
  for (const conflict of live) if (!found.has(conflict.causeKey)) plan.resolve.push(conflict);
  return plan;
}

function discreetOf(finding: Finding): string | null {
  return finding.concerning?.discreetExplanation ?? null;
}

function sameCause(conflict: LiveConflict, finding: Finding): boolean {
  return (
    conflict.severity === finding.severity &&
    conflict.window.start.getTime() === finding.window.start.getTime() &&
    conflict.window.end.getTime() === finding.window.end.getTime()
  );
}
