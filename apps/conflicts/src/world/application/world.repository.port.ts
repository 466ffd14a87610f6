import type { EntityManager } from 'typeorm';
import { EnvironmentNode } from '../domain/environment-node';
import { IntentWindow } from '../domain/intent-window';

/** What a projection write did: whether it applied (a newer version), and what was there before. */
export interface ProjectionChange<T> {
  changed: boolean;
  previous: T | null;
  /** What the projection holds now when `changed`: the row just written, still locked. */
  current: T;
}

/** This service's picture of environments and intents, kept from events. */
export interface WorldRepository {
  saveIntent(manager: EntityManager, intent: IntentWindow): Promise<ProjectionChange<IntentWindow>>;
  saveEnvironment(manager: EntityManager, node: EnvironmentNode): Promise<ProjectionChange<EnvironmentNode>>;
  /** The intent, its row locked until the transaction ends, so two recomputations of it take turns. */
  lockIntent(manager: EntityManager, intentId: string): Promise<IntentWindow | null>;
  /** The versions held of these environments (ids or keys), by the ref asked with. */
  environmentVersions(manager: EntityManager, refs: readonly string[]): Promise<Map<string, number>>;
  /** The versions held of these intents, by id. */
  intentVersions(manager: EntityManager, ids: readonly string[]): Promise<Map<string, number>>;
}

export const WORLD_REPOSITORY = Symbol('WorldRepository');
