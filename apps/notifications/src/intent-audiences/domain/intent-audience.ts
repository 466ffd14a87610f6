/** Who must hear about an intent, apart from subscriptions: its requester and named groups. */
export interface IntentAudience {
  intentId: string;
  environmentId: string;
  status: string;
  requestedBy: { sub: string; name?: string; email?: string };
  notificationGroups: string[];
  version: number;
}

/** Groups to notify, deduplicated and in a stable order, so fan-out never sends twice. */
export function audienceGroups(
  audience: Pick<IntentAudience, 'notificationGroups'>,
  ownerGroup?: string,
): string[] {
  return [...new Set([...(ownerGroup ? [ownerGroup] : []), ...audience.notificationGroups])].sort();
}
