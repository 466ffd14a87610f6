/** Who an intent concerns, apart from subscriptions: its requester, its named groups, its window. */
export interface IntentAudience {
  intentId: string;
  environmentId: string;
  status: string;
  requestedBy: { sub: string; name?: string; email?: string };
  notificationGroups: string[];
  /** `[plannedStart, plannedEnd)`; null for rows projected before the window was kept. */
  planned: { start: string; end: string } | null;
  version: number;
}

/** An environment as this service keeps it: enough to say whose it is and what hangs off it. */
export interface EnvironmentFact {
  id: string;
  key: string;
  name: string;
  tier: string;
  ownerGroup: string;
  dependsOn: string[];
  timezone: string;
  updatedAt: string;
}

/** A live booking overlapping a refresh's window. */
export interface OverlappingBooking {
  id: string;
  group: string;
}

/** An environment that depends on the target, directly (depth 1) or through others. */
export interface DependentEnvironment {
  key: string;
  ownerGroup: string;
  depth: number;
}

/** What is known about an event's subject when deciding who is told. */
export interface EventSubject {
  environment: EnvironmentFact | null;
  intent: IntentAudience | null;
  overlappingBookings: OverlappingBooking[];
  dependents: DependentEnvironment[];
  /** For `booking.*` events: the group that holds (or held) the booking. */
  bookingGroup?: { bookingId: string; group: string };
}

/** A group that must hear of the event, with every reason it must, person-readable. */
export interface ReachedGroup {
  group: string;
  reasons: string[];
}

/** Groups to notify, deduplicated and in a stable order, so fan-out never sends twice. */
export function audienceGroups(
  audience: Pick<IntentAudience, 'notificationGroups'>,
  ownerGroup?: string,
): string[] {
  return [...new Set([...(ownerGroup ? [ownerGroup] : []), ...audience.notificationGroups])].sort();
}

/**
 * Who is told (SPEC "Notifications"): the environment's owner group, the intent's notification
 * groups, the groups holding bookings that overlap the refresh, and the owners of environments
 * that depend on the target, transitively. A group reached several ways is one entry with every
 * reason.
 */
export function reachedGroups(subject: EventSubject): ReachedGroup[] {
  const reasons = new Map<string, string[]>();
  const add = (group: string, reason: string) => {
    const list = reasons.get(group) ?? [];
    if (!list.includes(reason)) list.push(reason);
    reasons.set(group, list);
  };
  const environment = subject.environment;
  const where = environment ? environment.key : 'the environment';
  if (environment) add(environment.ownerGroup, `owns environment ${environment.key}`);
  for (const group of subject.intent?.notificationGroups ?? [])
    add(group, "named in the refresh's notification groups");
  for (const booking of subject.overlappingBookings)
    add(booking.group, `holds booking ${booking.id} on ${where} overlapping the refresh`);
  for (const dependent of subject.dependents)
    add(
      dependent.ownerGroup,
      dependent.depth === 1
        ? `owns dependent environment ${dependent.key}`
        : `owns dependent environment ${dependent.key} (${dependent.depth} levels down from ${where})`,
    );
  if (subject.bookingGroup)
    add(subject.bookingGroup.group, `holds booking ${subject.bookingGroup.bookingId} on ${where}`);
  return [...reasons.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, list]) => ({ group, reasons: list }));
}
