import { ENVIRONMENT_TIERS, EnvironmentTier } from '@envrefresh/contracts';
import { Problems, isUuid } from '@envrefresh/kernel';

/**
 * Which environments a window covers; both lists empty covers every environment. As validated,
 * the lists keep the caller's order (problems found later name `scope.environmentIds[i]` as given).
 */
export interface Scope {
  environmentIds: string[];
  tiers: EnvironmentTier[];
}

const MAX_SCOPE_ENTRIES = 1000;

/** Validates `scope` (absent = everything); problems name e.g. `scope.environmentIds[2]`. */
export function readScope(value: unknown, problems: Problems): Scope {
  if (value === undefined || value === null) return { environmentIds: [], tiers: [] };
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.add(
      'scope',
      'must be an object {environmentIds?, tiers?}; leave it out to cover every environment',
    );
    return { environmentIds: [], tiers: [] };
  }
  const { environmentIds, tiers, ...rest } = value as Record<string, unknown>;
  for (const field of Object.keys(rest)) problems.add(`scope.${field}`, 'is not a field of a scope');
  return {
    environmentIds: readList(environmentIds, 'scope.environmentIds', problems, (item, field) => {
      if (isUuid(item)) return item.toLowerCase();
      problems.add(field, 'must be the id (uuid) of an environment');
      return undefined;
    }),
    tiers: readList(tiers, 'scope.tiers', problems, (item, field) => {
      if ((ENVIRONMENT_TIERS as readonly unknown[]).includes(item)) return item as EnvironmentTier;
      problems.add(field, `must be one of ${ENVIRONMENT_TIERS.join(', ')}`);
      return undefined;
    }),
  };
}

function readList<T>(
  value: unknown,
  field: string,
  problems: Problems,
  readItem: (item: unknown, field: string) => T | undefined,
): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(field, 'must be an array');
    return [];
  }
  if (value.length > MAX_SCOPE_ENTRIES) {
    problems.add(field, `may hold at most ${MAX_SCOPE_ENTRIES} entries`);
    return [];
  }
  return value
    .map((item, index) => readItem(item, `${field}[${index}]`))
    .filter((item): item is T => item !== undefined);
}
