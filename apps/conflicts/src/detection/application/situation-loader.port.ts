import type { EntityManager } from 'typeorm';
import type { WorkBudget } from '@envrefresh/kernel';
import { Interval } from '@envrefresh/recurrence';
import { Candidate, Situation } from '../domain/situation';

/**
 * Gathers, from this service's tables, everything the rules need to judge `candidate` within
 * `span` (its window, or the slot finder's wider range). Null when the environment is unknown.
 * With a `budget`, the window occurrences it expands are spent from it, and it yields the event
 * loop as it expands them.
 */
export interface SituationLoader {
  load(
    manager: EntityManager,
    candidate: Candidate,
    span: Interval,
    budget?: WorkBudget,
  ): Promise<Situation | null>;
}

export const SITUATION_LOADER = Symbol('SituationLoader');
