/**
 * Who may see and who may decide on a refresh intent (SPEC.md "Identity and roles"), written once
 * for every service that holds intents or a projection of them: the intents service for its
 * aggregate, the conflicts service for conflicts, checks, freeze reasons and explanations.
 */
export interface IntentViewer {
  sub: string;
  groups: readonly string[];
  isAdmin: boolean;
}

/** What the rule reads about an intent. */
export interface IntentAudience {
  /** The requester's `sub`; null where a projection does not know the intent. */
  requestedBySub: string | null;
  notificationGroups: readonly string[];
  /** Owner group of the intent's environment; null when the environment is unknown. */
  environmentOwnerGroup: string | null;
}

/**
 * Row-level visibility: admins see everything; anyone else sees an intent they requested, one on
 * an environment their group owns, or one that notifies one of their groups. The rest does not
 * exist for them (404, not 403) and is named elsewhere only as "another refresh".
 */
export function canSeeIntent(viewer: IntentViewer, intent: IntentAudience): boolean {
  if (viewer.isAdmin) return true;
  if (intent.requestedBySub !== null && viewer.sub === intent.requestedBySub) return true;
  return (
    belongsToOwnerGroup(viewer, intent) || intent.notificationGroups.some((g) => viewer.groups.includes(g))
  );
}

/**
 * Approvers and operators decide (approve, reject, start, complete, fail, roll back, acknowledge,
 * override) only for environments their group owns, or as admin: notification groups read, never
 * decide, so a requester cannot pick their own approver by naming a friendly group.
 */
export function mayDecideOnIntent(viewer: IntentViewer, intent: IntentAudience): boolean {
  return viewer.isAdmin || belongsToOwnerGroup(viewer, intent);
}

function belongsToOwnerGroup(viewer: IntentViewer, intent: IntentAudience): boolean {
  return intent.environmentOwnerGroup !== null && viewer.groups.includes(intent.environmentOwnerGroup);
}

/** Column expressions of a query, for the SQL form of `canSeeIntent`. */
export interface IntentAudienceColumns {
  requestedBySub: string;
  notificationGroups: string;
  environmentOwnerGroup: string;
}

/**
 * `canSeeIntent` as a SQL condition for lists, for a non-admin viewer (admins need no condition):
 * `sub` and `groups` are the placeholders bound to the viewer's sub (text) and groups (text[]).
 */
export function canSeeIntentSql(
  columns: IntentAudienceColumns,
  placeholders: { sub: string; groups: string },
): string {
  return `(${columns.requestedBySub} = ${placeholders.sub}
    OR ${columns.environmentOwnerGroup} = ANY (${placeholders.groups}::text[])
    OR ${columns.notificationGroups} && ${placeholders.groups}::text[])`;
}
