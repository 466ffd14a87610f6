import { intersection } from '@envrefresh/recurrence';
import { Candidate, Finding, OtherIntent, Situation } from '../situation';
import { ConflictRule, Probe } from './conflict-rule';
import { isActive } from './intent-status';
import {
  concerning,
  describeAnotherRefresh,
  describeIntent,
  environmentKeyOf,
  environmentName,
} from './wording';

/**
 * SOURCE_CONTENTION: another active intent, on any environment, overlaps and reads from the same
 * source environment or the same snapshot; WARNING (two copies from one source slow each other
 * and the source down).
 */
export function sourceContention(candidate: Candidate, situation: Situation): Finding[] {
  return situation.intents.flatMap((intent) => {
    const shared = sharedSource(intent, candidate, situation);
    const overlap = intersection(candidate.window, intent.window);
    if (!shared || !overlap) return [];
    const where = environmentName(situation, intent.environmentId);
    return [
      {
        type: 'SOURCE_CONTENTION',
        rule: 'SOURCE_CONTENTION',
        severity: 'WARNING',
        explanation: `${capitalized(describeIntent(intent))} on ${where} also reads from ${shared}; stagger the two copies with ${intent.requestedBy} or take another source.`,
        relatedRef: {
          kind: 'INTENT',
          id: intent.id,
          ...(intent.environmentId === candidate.environmentId
            ? {}
            : { environmentId: intent.environmentId }),
        },
        window: overlap,
        concerning: concerning(
          intent,
          `${capitalized(describeAnotherRefresh(intent))} on ${where} also reads from ${shared}; stagger the two copies or take another source.`,
        ),
      },
    ];
  });
}

/** What the two share, in words (`snapshot snap-42`), or undefined when nothing. */
function sharedSource(intent: OtherIntent, probe: Probe, situation: Situation): string | undefined {
  if (!isActive(intent.status) || intent.id === probe.intentId || !probe.source || !intent.source)
    return undefined;
  const shared: string[] = [];
  const environmentId = probe.source.environmentId;
  if (environmentId !== undefined && intent.source.environmentId === environmentId) {
    shared.push(`source environment ${environmentKeyOf(situation, environmentId) ?? environmentId}`);
  }
  const snapshot = probe.source.snapshot;
  if (snapshot !== undefined && intent.source.snapshot === snapshot) shared.push(`snapshot ${snapshot}`);
  return shared.length > 0 ? shared.join(' and ') : undefined;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const sourceContentionRule: ConflictRule = {
  type: 'SOURCE_CONTENTION',
  check: sourceContention,
  occupied: (probe, situation) =>
    situation.intents
      .filter((intent) => sharedSource(intent, probe, situation))
      .map((intent) => intent.window),
};
