import type { EnvironmentTier, EnvironmentView, MaintenanceWindow } from '@envrefresh/contracts';

/** An environment as conflict detection sees it: a node of the dependency graph with its own maintenance windows. */
export interface EnvironmentNode {
  id: string;
  key: string;
  name: string;
  tier: EnvironmentTier;
  ownerGroup: string;
  timezone: string;
  /** Keys of the environments it depends on. */
  dependsOn: string[];
  maintenanceWindows: MaintenanceWindow[];
  /** Orders `environment.upserted` events: the millisecond of `updatedAt`. */
  version: number;
}

export function environmentNodeOf(environment: EnvironmentView): EnvironmentNode {
  return {
    id: environment.id,
    key: environment.key,
    name: environment.name,
    tier: environment.tier,
    ownerGroup: environment.ownerGroup,
    timezone: environment.timezone,
    dependsOn: environment.dependsOn ?? [],
    maintenanceWindows: environment.maintenanceWindows ?? [],
    version: Date.parse(environment.updatedAt),
  };
}

/**
 * An environment reachable over the dependency graph, once, at its shortest distance: UPSTREAM
 * when the target depends on it, DOWNSTREAM when it depends on the target.
 */
export interface GraphNeighbour {
  id: string;
  key: string;
  tier: EnvironmentTier;
  timezone: string;
  direction: 'UPSTREAM' | 'DOWNSTREAM';
  distance: number;
  path: string[];
}
