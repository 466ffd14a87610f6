/**
 * Names of what the gateway replicas share on the broker (ADR 0031); pure, so the broker grants
 * and the tests predict them.
 */
export function viewsExchange(namespace: string): string {
  return `${namespace}.gateway.views`;
}

/** One replica's exclusive, auto-deleted queue: invalidations, heartbeats, acks and events. */
export function viewsQueue(namespace: string, replicaId: string): string {
  return `${viewsExchange(namespace)}.${replicaId}`;
}

/**
 * The event families that change an intent's view or a freeze verdict, bound on the events
 * exchange so changes nobody made through a gateway (a job firing, an expiry, a detected
 * conflict) reach every replica too.
 */
export const VIEW_CHANGING_EVENT_FAMILIES = [
  'intent',
  'schedule',
  'booking',
  'window',
  'environment',
  'conflict',
] as const;
