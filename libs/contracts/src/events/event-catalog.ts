import { bookingCancelledEvent, bookingCreatedEvent } from './catalog/booking.events';
import {
  conflictAcknowledgedEvent,
  conflictDetectedEvent,
  conflictOverriddenEvent,
  conflictResolvedEvent,
} from './catalog/conflict.events';
import { environmentUpsertedEvent } from './catalog/environment.events';
import { INTENT_EVENTS } from './catalog/intent.events';
import { notificationDeliveredEvent, notificationFailedEvent } from './catalog/notification.events';
import { SCHEDULE_EVENTS } from './catalog/schedule.events';
import { windowCreatedEvent, windowDeletedEvent } from './catalog/window.events';
import { EventDefinition } from './event-definition';
import { EventEnvelope } from './event-envelope';

/** Every event on the exchange. Producers, consumers, the validator and docs/asyncapi.yaml read this list. */
export const EVENT_CATALOG = [
  environmentUpsertedEvent,
  ...INTENT_EVENTS,
  conflictDetectedEvent,
  conflictAcknowledgedEvent,
  conflictOverriddenEvent,
  conflictResolvedEvent,
  bookingCreatedEvent,
  bookingCancelledEvent,
  windowCreatedEvent,
  windowDeletedEvent,
  ...SCHEDULE_EVENTS,
  notificationDeliveredEvent,
  notificationFailedEvent,
] as const;

export type CatalogEventDefinition = (typeof EVENT_CATALOG)[number];
export type EventType = CatalogEventDefinition['type'];

/** A union of every catalog envelope, discriminated by `type`. */
export type CatalogEnvelope = CatalogEventDefinition extends infer TDefinition
  ? TDefinition extends EventDefinition<infer TType, infer TData>
    ? EventEnvelope<TType, TData>
    : never
  : never;

export type EventDataOf<TType extends EventType> = Extract<CatalogEnvelope, { type: TType }>['data'];

export const EVENT_TYPES: readonly EventType[] = [
  ...new Set(EVENT_CATALOG.map((definition) => definition.type)),
];

export function findEventDefinition(type: string, version: number): CatalogEventDefinition | undefined {
  return EVENT_CATALOG.find((definition) => definition.type === type && definition.version === version);
}
