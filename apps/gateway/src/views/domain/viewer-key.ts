/** What decides what a caller may see of an intent or a freeze verdict: who they are, their roles and groups. */
export interface Viewer {
  sub: string;
  roles: readonly string[];
  groups: readonly string[];
  /** An API token may be narrower than its owner: its answers are its own. */
  apiTokenId?: string;
}

/**
 * The key of a kind of viewer: an answer kept for one is served only to callers with the same
 * subject, roles and groups, so the gateway never re-implements the services' visibility rules.
 * Sorted, so the order a token lists them in does not split one viewer into two.
 */
export function viewerKey(viewer: Viewer): string {
  return JSON.stringify([
    viewer.sub,
    [...viewer.roles].sort(),
    [...viewer.groups].sort(),
    viewer.apiTokenId ?? null,
  ]);
}
