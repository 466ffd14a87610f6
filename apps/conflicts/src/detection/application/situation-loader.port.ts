import type { EntityManager } from 'typeorm';
import { Interval } from '../domain/interval';
import { Candidate, Situation } from '../domain/situation';

/**
 * Gathers, from this service's tables, everything the rules need to judge `candidate` within
 * `span` (its window, or the slot finder's wider range). Null when the environment is unknown.
 */
export interface SituationLoader {
  load(manager: EntityManager, candidate: Candidate, span: Interval): Promise<Situation | null>;
}

export const SITUATION_LOADER = Symbol('SituationLoader');
