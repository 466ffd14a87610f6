import type { EntityManager } from 'typeorm';
import { EnvironmentTier } from '@envrefresh/contracts';
import { Environment } from '../domain/environment';

export interface EnvironmentPageQuery {
  limit: number;
  /** Keys strictly after this one. */
  afterKey?: string;
  tier?: EnvironmentTier;
}

/** The environment catalog; writes always happen inside the caller's transaction. */
export interface EnvironmentRepository {
  /** Refuses a taken key with ENVIRONMENT.KEY_TAKEN. */
  insert(manager: EntityManager, environment: Environment): Promise<void>;
  update(manager: EntityManager, environment: Environment): Promise<void>;
  /** By uuid or by key; `forUpdate` locks the row until the transaction ends. */
  findByRef(
    manager: EntityManager,
    ref: string,
    options?: { forUpdate?: boolean },
  ): Promise<Environment | null>;
  findById(
    manager: EntityManager,
    id: string,
    options?: { forUpdate?: boolean },
  ): Promise<Environment | null>;
  keysThatExist(manager: EntityManager, keys: readonly string[]): Promise<Set<string>>;
  dependencyEdges(manager: EntityManager): Promise<Map<string, string[]>>;
  /** Serializes changes to the dependency graph, so two concurrent edits cannot close a cycle between them. */
  lockDependencyGraph(manager: EntityManager): Promise<void>;
  page(manager: EntityManager, query: EnvironmentPageQuery): Promise<Environment[]>;
}

export const ENVIRONMENT_REPOSITORY = Symbol('EnvironmentRepository');
