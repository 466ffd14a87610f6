import type { EntityManager } from 'typeorm';
import { EnvironmentView, IntentView } from '@envrefresh/contracts';
import { JobTimings } from '../domain/job-planning';

/** An environment as scheduling needs it: whose it is, and the timing of its jobs. */
export interface EnvironmentTimings extends JobTimings {
  id: string;
  ownerGroup: string;
}

/**
 * This service's copies of the intents and the environment catalog, fed by their events (and by
 * owner queries when a request meets something not known yet, ADR 0014). Only a newer version
 * replaces a row.
 */
export interface SchedulingProjections {
  /** True when the view was newer than what was held (and is now stored). */
  saveIntent(manager: EntityManager, intent: IntentView): Promise<boolean>;
  intent(manager: EntityManager, intentId: string): Promise<IntentView | null>;
  intents(manager: EntityManager, intentIds: readonly string[]): Promise<Map<string, IntentView>>;
  intentVersions(manager: EntityManager, intentIds: readonly string[]): Promise<Map<string, number>>;
  saveEnvironment(manager: EntityManager, environment: EnvironmentView): Promise<boolean>;
  environment(manager: EntityManager, environmentId: string): Promise<EnvironmentTimings | null>;
  environmentVersions(manager: EntityManager, refs: readonly string[]): Promise<Map<string, number>>;
}

export const SCHEDULING_PROJECTIONS = Symbol('SchedulingProjections');
