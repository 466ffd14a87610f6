import { EventSource } from './event-source';

/**
 * Who may publish which events: a type belongs to the service owning the part before its first
 * dot. Consumers believe an event only from its owner's broker user, the relay refuses to publish
 * another's type, and the broker definitions give each user publish rights on these keys only.
 */
export const EVENT_OWNERS = {
  intents: ['environment', 'intent'],
  conflicts: ['conflict', 'booking', 'window'],
  scheduling: ['schedule'],
  notifications: ['notification'],
} as const satisfies Partial<Record<EventSource, readonly string[]>>;

export type EventOwner = keyof typeof EVENT_OWNERS;

export const EVENT_OWNER_NAMES = Object.keys(EVENT_OWNERS) as EventOwner[];

/** The service that owns an event type, or undefined for a type no service owns. */
export function eventOwnerOf(type: string): EventOwner | undefined {
  const prefix = type.split('.', 1)[0];
  return EVENT_OWNER_NAMES.find((owner) => (EVENT_OWNERS[owner] as readonly string[]).includes(prefix));
}

/** The topic routing-key patterns a service may publish, e.g. `intent.*`. */
export function ownedRoutingKeyPatterns(owner: EventOwner): string[] {
  return EVENT_OWNERS[owner].map((prefix) => `${prefix}.*`);
}
