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
  /**
   * Whether this service knows the environment already, from the catalog it keeps in memory (no
   * SQL once a snapshot is held). Environments are never removed here, so a yes stays true and
   * the request need not catch up with it (ADR 0014); a no may be a snapshot older than the
   * environment, and the caller catches up as before.
   */
  knows(manager: EntityManager, environmentId: string): Promise<boolean>;
}

export const SITUATION_LOADER = Symbol('SituationLoader');
