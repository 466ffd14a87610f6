import type { EntityManager } from 'typeorm';
import { OccurrenceReach } from '@envrefresh/recurrence';
import { SourceRef } from '../../detection/domain/situation';

/** Where a change happened: environments (by id, by tier, or all of them), when, and what it reads from. */
export interface ChangeScope {
  environmentIds?: string[];
  tiers?: string[];
  everywhere?: boolean;
  /** Absent: at any time; an open end reaches into the future without bound. */
  span?: OccurrenceReach;
  source?: SourceRef;
}

/** Which active intents a change may touch, so only those are recomputed. */
export interface AffectedIntents {
  /**
   * Active intents overlapping the span on the scoped environments or on any environment connected
   * to them over the dependency graph (either direction, transitively), plus those reading the
   * same source.
   */
  around(manager: EntityManager, scope: ChangeScope): Promise<string[]>;
}

export const AFFECTED_INTENTS = Symbol('AffectedIntents');
