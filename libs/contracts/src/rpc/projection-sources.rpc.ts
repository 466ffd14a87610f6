import { EnvironmentView } from '../model/environment-view';
import { IntentView } from '../model/intent-view';
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

/** The services that project the catalog; scheduling and notifications add theirs here. */
export const CATALOG_PROJECTORS = [conflictsCatchUpRpc] as const;
