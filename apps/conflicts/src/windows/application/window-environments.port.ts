import type { EntityManager } from 'typeorm';

/** The environments this service knows (its projection of the catalog), as windows need them. */
export interface WindowEnvironments {
  /** Those of `environmentIds` no known environment has. */
  unknownAmong(manager: EntityManager, environmentIds: readonly string[]): Promise<Set<string>>;
}

export const WINDOW_ENVIRONMENTS = Symbol('WindowEnvironments');
