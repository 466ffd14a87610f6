import { intersection } from '@envrefresh/recurrence';
import { Candidate, Finding, OtherIntent, Situation } from '../situation';
import { ConflictRule, Probe } from './conflict-rule';
import { isActive, isCommitted } from './intent-status';
import { concerning, describeAnotherRefresh, describeIntent } from './wording';

/**
 * INTENT_OVERLAP: another active intent (REQUESTED … IN_PROGRESS) on the same environment
 * overlaps. BLOCKING when someone already approved it (APPROVED, SCHEDULED, IN_PROGRESS), else
 * WARNING: two requests can still be ordered by their approvers.
 */
export function intentOverlap(candidate: Candidate, situation: Situation): Finding[] {
  return situation.intents
    .filter((intent) => clashes(intent, candidate))
    .flatMap((intent) => {
      const overlap = intersection(candidate.window, intent.window);
      if (!overlap) return [];
      const blocking = isCommitted(intent.status);
      const advice = blocking
        ? `move this refresh, or ask ${intent.requestedBy} to move theirs`
        : `agree with ${intent.requestedBy} which goes first, or move this refresh`;
      const discreetAdvice = blocking
        ? 'move this refresh, or ask the environment’s owners to move the other'
        : 'agree with the environment’s owners which goes first, or move this refresh';
      return [
        {
          type: 'INTENT_OVERLAP',
          rule: 'INTENT_OVERLAP',
          severity: blocking ? 'BLOCKING' : 'WARNING',
          explanation: `${situation.target.key} already has ${describeIntent(intent)}; ${advice}.`,
          relatedRef: { kind: 'INTENT', id: intent.id },
          window: overlap,
          concerning: concerning(
            intent,
            `${situation.target.key} already has ${describeAnotherRefresh(intent)}; ${discreetAdvice}.`,
          ),
        },
      ];
    });
}

function clashes(intent: OtherIntent, probe: Probe): boolean {
  return (
    intent.environmentId === probe.environmentId && intent.id !== probe.intentId && isActive(intent.status)
  );
}

export const intentOverlapRule: ConflictRule = {
  type: 'INTENT_OVERLAP',
  check: intentOverlap,
  occupied: (probe, situation) =>
    situation.intents.filter((intent) => clashes(intent, probe)).map((intent) => intent.window),
};
