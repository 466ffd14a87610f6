import { ConflictType } from '@envrefresh/contracts';
import { Interval } from '@envrefresh/recurrence';
import { Candidate, Finding, Situation } from '../situation';

/** A refresh on the target before it has a window: what the slot finder asks about. */
export type Probe = Omit<Candidate, 'window'>;

/**
 * One conflict rule. `check` judges a candidate; `occupied` says, for any candidate on the
 * target, where it must not lie for `check` to stay silent: a candidate yields a finding of this
 * rule exactly when its window overlaps one of these intervals (within `range`). The slot finder
 * works from `occupied`, then confirms each slot with `check`.
 */
export interface ConflictRule {
  type: ConflictType;
  check(candidate: Candidate, situation: Situation): Finding[];
  occupied(probe: Probe, situation: Situation, range: Interval): Interval[];
}
