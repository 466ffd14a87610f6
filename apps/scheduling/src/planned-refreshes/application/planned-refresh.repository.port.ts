import type { EntityManager } from 'typeorm';
import { PlannedRefresh } from '../domain/planned-refresh';

export interface PlannedRefreshRepository {
  /** Keeps the newest version of each intent's plan; returns whether it changed. */
  save(manager: EntityManager, refresh: PlannedRefresh): Promise<boolean>;
}

export const PLANNED_REFRESH_REPOSITORY = Symbol('PlannedRefreshRepository');
