import { dateTimeSchema, enumSchema, idSchema, JsonSchema, stringListSchema } from '../json-schema';
import { NOTIFICATION_CHANNELS, NotificationChannel } from '../events/catalog/notification.events';
import { ENVIRONMENT_TIERS, EnvironmentTier } from './environment-view';
import { ActorRef, actorRefSchema } from './actor';

/** Entries per filter list: enough for any real team, bounded so matching stays cheap (ADR 0016). */
export const SUBSCRIPTION_FILTER_MAX_ENTRIES = 50;
/** The longest subscription target: a URL or an e-mail address. */
export const SUBSCRIPTION_TARGET_MAX_LENGTH = 2048;

/** Which events a subscription hears; every list present narrows, an absent one does not. */
export interface SubscriptionFilter {
  groups?: string[];
  environmentIds?: string[];
  tiers?: EnvironmentTier[];
  /** Absent: the documented default set (ANNOUNCED_EVENT_TYPES). */
  eventTypes?: string[];
}

/** A subscription as the REST API returns it: the target as scheme and host only, never a secret. */
export interface SubscriptionView {
  id: string;
  channel: NotificationChannel;
  /** `https://hooks.example.com` for URLs, `mailto:` + domain for e-mail addresses. */
  target: string;
  filter: SubscriptionFilter;
  enabled: boolean;
  /** Why it was switched off when the service did it (a 410 from the webhook). */
  disabledReason: string | null;
  createdBy: ActorRef;
  createdAt: string;
  updatedAt: string;
  /** Only on a deleted subscription (the answer to DELETE, an admin's `?includeDeleted=true` list). */
  deletedAt?: string;
  /** Who deleted it; absent for those deleted before this was recorded. */
  deletedBy?: ActorRef;
}

/** The answer to a creation or rotation: the view, and once only the secret that signs. */
export interface SubscriptionWithSecret extends SubscriptionView {
  /** WEBHOOK only: `whsec_…`; shown this once. */
  secret?: string;
}

export const subscriptionFilterSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    groups: stringListSchema,
    environmentIds: { type: 'array', items: idSchema },
    tiers: { type: 'array', items: enumSchema(ENVIRONMENT_TIERS) },
    eventTypes: stringListSchema,
  },
};

export const subscriptionViewSchema: JsonSchema = {
  title: 'SubscriptionView',
  description: 'A subscription; targets show scheme and host only, secrets never.',
  type: 'object',
  additionalProperties: true,
  required: [
    'id',
    'channel',
    'target',
    'filter',
    'enabled',
    'disabledReason',
    'createdBy',
    'createdAt',
    'updatedAt',
  ],
  properties: {
    id: idSchema,
    channel: enumSchema(NOTIFICATION_CHANNELS),
    target: { type: 'string', description: 'Scheme and host only (mailto: and the domain for e-mail).' },
    filter: subscriptionFilterSchema,
    enabled: { type: 'boolean' },
    disabledReason: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    createdBy: actorRefSchema,
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
    deletedAt: { ...dateTimeSchema, description: 'Only on a deleted subscription: when it was deleted.' },
    deletedBy: { ...actorRefSchema, description: 'Only on a deleted subscription: who deleted it.' },
    secret: { type: 'string', description: 'Only in the answer that created or rotated it: `whsec_…`.' },
  },
};
