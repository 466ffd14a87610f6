import type { EntityManager } from 'typeorm';
import { findCycleThrough } from '../domain/dependency-graph';
import { dependencyCycle, unknownDependencies } from '../domain/environment.errors';
import { EnvironmentRepository } from './environment.repository.port';

/**
 * Would `key` depending on `dependsOn` keep the catalog a DAG of known environments? Call it with
 * the dependency graph locked. Unknown keys are reported before cycles.
 */
export async function assertDependenciesAcceptable(
  repository: EnvironmentRepository,
  manager: EntityManager,
  key: string,
  dependsOn: readonly string[],
): Promise<void> {
  const others = dependsOn.filter((dependency) => dependency !== key);
  const existing = await repository.keysThatExist(manager, others);
  const unknown = others.filter((dependency) => !existing.has(dependency));
  if (unknown.length > 0) throw unknownDependencies(unknown);
  const edges = await repository.dependencyEdges(manager);
  edges.set(key, [...dependsOn]);
  const cycle = findCycleThrough(edges, key);
  if (cycle) throw dependencyCycle(cycle);
}
