import { checkDeliveries } from './check-deliveries';
import { checkEffects } from './check-effects';
import { checkJobs } from './check-jobs';
import { checkEveryConsumer, checkPoison, checkSettled } from './check-messaging';
import { checkStatuses, FaultWindow } from './check-statuses';
import { AnsweredRequest, CheckpointFacts } from './facts';
import { Violation } from './violation';

export interface CheckContext {
  requests: readonly AnsweredRequest[];
  windows: readonly FaultWindow[];
  phasesThatMayRepeatWebhooks: ReadonlySet<string>;
}

/** Every invariant over one checkpoint's facts. */
export function checkAll(facts: CheckpointFacts, context: CheckContext): Violation[] {
  return [
    ...checkSettled(facts),
    ...checkEffects(facts),
    ...checkEveryConsumer(facts),
    ...checkJobs(facts),
    ...checkDeliveries(facts, context.phasesThatMayRepeatWebhooks),
    ...checkStatuses(context.requests, context.windows),
    ...checkPoison(facts),
  ];
}

/** The violations a checkpoint found that no earlier checkpoint had: what this phase broke. */
export function newViolations(found: readonly Violation[], seenKeys: Set<string>): Violation[] {
  const fresh = found.filter((item) => !seenKeys.has(item.key));
  fresh.forEach((item) => seenKeys.add(item.key));
  return fresh;
}
