/** The promises the harness checks after every fault; docs/RELIABILITY.md explains each by this name. */
export const INVARIANTS = {
  oneEffect: 'every 2xx had exactly one effect',
  everyConsumer: 'every event reached every consumer once',
  jobsOnce: 'every due schedule job fired once',
  deliveriesOnce: 'every delivery SENT once or DEAD with a reason',
  statuses: 'no 5xx but 503/504 during a fault, none after',
  poison: 'poison messages dead-lettered, queues flowing',
  settled: 'the suite settled',
} as const;

export type InvariantName = keyof typeof INVARIANTS;

/**
 * `lost`: something promised is missing; `duplicated`: something happened twice; `wrong`: any
 * other broken promise (a 500, a DEAD delivery without a reason, a queue that stopped).
 */
export type ViolationKind = 'lost' | 'duplicated' | 'wrong';

export interface Violation {
  invariant: InvariantName;
  kind: ViolationKind;
  /** Stable across checkpoints, so a violation is counted in the phase that first showed it. */
  key: string;
  detail: string;
}

export function violation(
  invariant: InvariantName,
  kind: ViolationKind,
  key: string,
  detail: string,
): Violation {
  return { invariant, kind, key: `${invariant}:${key}`, detail };
}
