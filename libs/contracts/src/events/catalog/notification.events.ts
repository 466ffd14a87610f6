import { enumSchema, idSchema, JsonSchema } from '../../json-schema';
import { defineEvent } from '../event-definition';
import { EVENT_TYPE_PATTERN } from '../event-envelope.schema';

export const NOTIFICATION_CHANNELS = ['EMAIL', 'SLACK', 'TEAMS', 'WEBHOOK'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** The outcome of delivering one event to one recipient. */
export interface NotificationDelivered {
  deliveryId: string;
  /** Absent when the recipient came from the intent itself (requester, owner group…), not a subscription. */
  subscriptionId?: string;
  channel: NotificationChannel;
  /** The event that was delivered. */
  eventId: string;
  eventType: string;
  attempts: number;
}

export interface NotificationFailed extends NotificationDelivered {
  /** The last error; the delivery is DEAD and waits for a manual retry. */
  error: string;
}

function deliverySchema(title: string, extra: Record<string, JsonSchema> = {}): JsonSchema {
  return {
    title,
    type: 'object',
    additionalProperties: true,
    required: ['deliveryId', 'channel', 'eventId', 'eventType', 'attempts', ...Object.keys(extra)],
    properties: {
      deliveryId: idSchema,
      subscriptionId: idSchema,
      channel: enumSchema(NOTIFICATION_CHANNELS),
      eventId: { type: 'string', format: 'uuid' },
      eventType: { type: 'string', pattern: EVENT_TYPE_PATTERN },
      attempts: { type: 'integer', minimum: 1 },
      ...extra,
    },
  };
}

const exampleDelivery: NotificationDelivered = {
  deliveryId: 'e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9',
  subscriptionId: 'f0e1d2c3-b4a5-4968-8776-655443322110',
  channel: 'SLACK',
  eventId: '2b7e1516-28ae-4d2a-abf7-158809cf4f3c',
  eventType: 'intent.approved',
  attempts: 1,
};

export const notificationDeliveredEvent = defineEvent<NotificationDelivered>()({
  type: 'notification.delivered',
  version: 1,
  source: 'notifications',
  description: 'An event reached a recipient over email, Slack, Teams or a webhook.',
  dataSchema: deliverySchema('NotificationDelivered'),
  example: exampleDelivery,
});

export const notificationFailedEvent = defineEvent<NotificationFailed>()({
  type: 'notification.failed',
  version: 1,
  source: 'notifications',
  description: 'A delivery ran out of retries and is dead; an admin may retry it.',
  dataSchema: deliverySchema('NotificationFailed', { error: { type: 'string', minLength: 1 } }),
  example: {
    ...exampleDelivery,
    channel: 'WEBHOOK',
    attempts: 6,
    error: 'HTTP 503 from https://hooks.example.com/envrefresh',
  },
});
