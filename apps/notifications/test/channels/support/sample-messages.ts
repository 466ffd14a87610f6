import { EVENT_CATALOG, EventDefinition, EventEnvelope, createEnvelope } from '@envrefresh/contracts';
import { randomUUID } from 'node:crypto';
import { ChannelKind, OutboundMessage } from '../../../src/channels/application/channel-sender.port';

export const SAMPLE_ENVIRONMENT = {
  id: '5f1e8c2a-0b7d-4c1e-8e3a-6d2b9f4a7c30',
  key: 'uat-payments',
  name: 'UAT Payments',
  tier: 'UAT',
  timezone: 'Europe/Paris',
};

/** The catalog's example of `type` in an envelope, with `data` changed as given. */
export function sampleEvent(type: string, data: Record<string, unknown> = {}): EventEnvelope {
  const definition = EVENT_CATALOG.find((candidate) => candidate.type === type) as
    EventDefinition<string, unknown> | undefined;
  if (!definition) throw new Error(`no catalog event ${type}`);
  return createEnvelope(
    definition,
    { ...(definition.example as object), ...data },
    {
      correlationId: randomUUID(),
      causationId: null,
    },
  );
}

export function sampleMessage(
  channel: ChannelKind,
  target: string,
  overrides: Partial<OutboundMessage> = {},
): OutboundMessage {
  return {
    deliveryId: randomUUID(),
    channel,
    target,
    secrets: [],
    event: sampleEvent('intent.approved'),
    reasons: ['owns environment uat-payments'],
    environment: SAMPLE_ENVIRONMENT,
    attempt: 1,
    ...overrides,
  };
}
