import { ActingUser } from '@envrefresh/kernel';

export interface VisibilityFacts {
  requestedBySub: string;
  notificationGroups: readonly string[];
  /** Owner group of the intent's environment; null when the environment is unknown. */
  environmentOwnerGroup: string | null;
}

/**
 * Row-level visibility: admins see everything; anyone else sees an intent they requested, one on
 * an environment their group owns, or one that notifies one of their groups. The rest does not
 * exist for them (404, not 403). The SQL of the intent list applies the same rule.
 */
export function canSee(user: ActingUser, intent: VisibilityFacts): boolean {
  if (user.isAdmin || user.sub === intent.requestedBySub) return true;
  const groups = new Set(user.groups);
  if (intent.environmentOwnerGroup !== null && groups.has(intent.environmentOwnerGroup)) return true;
  return intent.notificationGroups.some((group) => groups.has(group));
}
