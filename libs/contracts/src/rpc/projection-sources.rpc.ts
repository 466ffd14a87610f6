import { BookingView } from '../model/booking-view';
import { EnvironmentView } from '../model/environment-view';
import { IntentView } from '../model/intent-view';
import { WindowView } from '../model/window-view';
import { defineRpc } from './rpc-contract';

/**
 * Service to service (ADR 0014): no user, read-only, answers what the events already tell every
 * consumer. A projection that meets something it does not know yet, or knows at an older
 * version, asks its owner with one of these and takes the answer in as the event would.
 */
export interface OwnerQueryRequest<TPayload> {
  correlationId: string;
  payload: TPayload;
}

export const catalogEnvironmentsRpc = defineRpc<OwnerQueryRequest<{ refs: string[] }>, EnvironmentView[]>()({
  pattern: 'intents.catalog.environments',
  service: 'intents',
  description:
    'Service to service, read-only: the environments with these ids or keys that exist, each as `environment.upserted` carries it.',
});

export const catalogIntentsRpc = defineRpc<OwnerQueryRequest<{ ids: string[] }>, IntentView[]>()({
  pattern: 'intents.catalog.intents',
  service: 'intents',
  description:
    'Service to service, read-only: the intents with these ids that exist, each as its latest event carries it.',
});

/** What a write answered with, as a version the projection can compare: `updatedAt` of the view. */
export interface EnvironmentVersionRef {
  id: string;
  updatedAt: string;
}

/**
 * The gateway, after an environment write answered 2xx and before it answers the client, asks each
 * service that projects the catalog to catch up with it (from the owner, never from this payload),
 * so the very next request on any replica sees the change (a new dependency edge, a new window).
 */
export const conflictsCatchUpRpc = defineRpc<
  OwnerQueryRequest<{ environments: EnvironmentVersionRef[] }>,
  { caughtUp: true }
>()({
  pattern: 'conflicts.catch-up',
  service: 'conflicts',
  description:
    'Gateway, after a catalog write: take the environments in at (at least) these versions, from their owner, before replying.',
});

export const catalogBookingsRpc = defineRpc<OwnerQueryRequest<{ ids: string[] }>, BookingView[]>()({
  pattern: 'conflicts.catalog.bookings',
  service: 'conflicts',
  description:
    'Service to service, read-only: the bookings with these ids that exist (cancelled ones too), each as its latest event carries it.',
});

export const catalogWindowsRpc = defineRpc<OwnerQueryRequest<{ ids: string[] }>, WindowView[]>()({
  pattern: 'conflicts.catalog.windows',
  service: 'conflicts',
  description:
    'Service to service, read-only: the windows with these ids that exist; a deleted window is absent.',
});

/** What the calendar must know before the gateway answers a write (ADR 0014): ids and versions only. */
export interface CalendarCatchUpPayload {
  environments?: EnvironmentVersionRef[];
  intents?: { id: string; version: number }[];
  bookings?: string[];
  windows?: string[];
}

/**
 * The calendar's catch-up: after an environment, intent, booking or window write answered 2xx,
 * the gateway has the scheduling service take the change in, from its owner, before it answers.
 */
export const calendarCatchUpRpc = defineRpc<OwnerQueryRequest<CalendarCatchUpPayload>, { caughtUp: true }>()({
  pattern: 'scheduling.calendar.catch-up',
  service: 'scheduling',
  description:
    'Gateway, after a write: take these environments, intents, bookings and windows in, from their owners, before replying.',
});

/** The services that project the catalog; scheduling and notifications add theirs here. */
export const CATALOG_PROJECTORS = [conflictsCatchUpRpc, calendarCatchUpRpc] as const;
