import { dateTimeSchema, enumSchema, idSchema, JsonSchema, stringListSchema } from '../json-schema';
import { NOTIFICATION_CHANNELS, NotificationChannel } from '../events/catalog/notification.events';

export const DELIVERY_STATUSES = ['PENDING', 'SENT', 'RETRYING', 'DEAD'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const ATTEMPT_OUTCOMES = ['SENT', 'RETRY', 'GONE', 'REJECTED'] as const;
export type AttemptOutcomeKind = (typeof ATTEMPT_OUTCOMES)[number];

/** One try at a destination, as it happened. */
export interface DeliveryAttemptView {
  attempt: number;
  at: string;
  outcome: AttemptOutcomeKind;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** One event to one destination: the true delivery log. */
export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  intentId: string | null;
  subscriptionId: string | null;
  channel: NotificationChannel;
  /** Scheme and host (or mailto: domain); absent for callers who are not admins. */
  target?: string;
  /** Why this destination was told. */
  reasons: string[];
  status: DeliveryStatus;
  attempts: DeliveryAttemptView[];
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

const attemptSchema: JsonSchema = {
  type: 'object',
  required: ['attempt', 'at', 'outcome', 'statusCode', 'error', 'durationMs'],
  properties: {
    attempt: { type: 'integer', minimum: 1 },
    at: dateTimeSchema,
    outcome: enumSchema(ATTEMPT_OUTCOMES),
    statusCode: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
    error: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    durationMs: { type: 'integer', minimum: 0 },
  },
};

const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

export const deliveryViewSchema: JsonSchema = {
  title: 'DeliveryView',
  type: 'object',
  additionalProperties: true,
  required: [
    'id',
    'eventId',
    'eventType',
    'intentId',
    'subscriptionId',
    'channel',
    'reasons',
    'status',
    'attempts',
    'lastError',
    'nextAttemptAt',
    'deliveredAt',
    'createdAt',
  ],
  properties: {
    id: { ...idSchema, description: 'Also the Standard Webhooks `webhook-id`, stable across retries.' },
    eventId: idSchema,
    eventType: { type: 'string' },
    intentId: nullable(idSchema),
    subscriptionId: nullable(idSchema),
    channel: enumSchema(NOTIFICATION_CHANNELS),
    target: { type: 'string', description: 'Scheme and host; admins only.' },
    reasons: stringListSchema,
    status: enumSchema(DELIVERY_STATUSES),
    attempts: { type: 'array', items: attemptSchema },
    lastError: nullable({ type: 'string' }),
    nextAttemptAt: nullable(dateTimeSchema),
    deliveredAt: nullable(dateTimeSchema),
    createdAt: dateTimeSchema,
  },
};
