import { DeliveryView, SubscriptionWithSecret, idSchema } from '@envrefresh/contracts';

/** The answer to `POST /deliveries/replay`. */
export const DELIVERY_REPLAY_SCHEMA = {
  type: 'object',
  required: ['replayed', 'deliveryIds'],
  properties: {
    replayed: { type: 'integer', minimum: 0 },
    deliveryIds: { type: 'array', items: idSchema },
  },
};

export const SUBSCRIPTION_EXAMPLE: SubscriptionWithSecret = {
  id: 'f0e1d2c3-b4a5-4968-8776-655443322110',
  channel: 'WEBHOOK',
  target: 'https://hooks.example.com',
  filter: { groups: ['payments'], tiers: ['UAT', 'STAGING'] },
  enabled: true,
  disabledReason: null,
  createdBy: { sub: 'ada', email: 'ada@example.com' },
  createdAt: '2026-12-01T09:00:00Z',
  updatedAt: '2026-12-01T09:00:00Z',
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
};

export const DELIVERY_EXAMPLE: DeliveryView = {
  id: 'e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9',
  eventId: '2b7e1516-28ae-4d2a-abf7-158809cf4f3c',
  eventType: 'intent.approved',
  intentId: '7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11',
  subscriptionId: SUBSCRIPTION_EXAMPLE.id,
  channel: 'WEBHOOK',
  target: 'https://hooks.example.com',
  reasons: [
    'payments: holds booking 3c2b1a09-8f7e-4d6c-9b4a-392817160504 on uat-payments overlapping the refresh',
  ],
  status: 'SENT',
  attempts: [
    {
      attempt: 1,
      at: '2026-12-01T10:00:00Z',
      outcome: 'RETRY',
      statusCode: 503,
      error: 'HTTP 503',
      durationMs: 84,
    },
    { attempt: 2, at: '2026-12-01T10:00:10Z', outcome: 'SENT', statusCode: 200, error: null, durationMs: 41 },
  ],
  lastError: null,
  nextAttemptAt: null,
  deliveredAt: '2026-12-01T10:00:10Z',
  createdAt: '2026-12-01T10:00:00Z',
};
