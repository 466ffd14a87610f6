import { dateTimeSchema, JsonSchema } from '../json-schema';
import { EVENT_SOURCES } from './event-source';

/** Event types are lowercase dotted words, which is also what routing-key bindings match on. */
export const EVENT_TYPE_PATTERN = '^[a-z]+(_[a-z]+)*(\\.[a-z]+(_[a-z]+)*)+$';

export const eventEnvelopeSchema: JsonSchema = {
  title: 'EventEnvelope',
  description: 'Body of every event on the exchange. Consumers ignore fields they do not know.',
  type: 'object',
  required: ['id', 'type', 'version', 'occurredAt', 'source', 'correlationId', 'causationId', 'data'],
  properties: {
    id: {
      type: 'string',
      format: 'uuid',
      description: 'Event id; equals the AMQP message-id. Deduplicate on it.',
    },
    type: { type: 'string', pattern: EVENT_TYPE_PATTERN, description: 'Event type; equals the routing key.' },
    version: { type: 'integer', minimum: 1, description: 'Version of the data shape of this type.' },
    occurredAt: { ...dateTimeSchema, description: 'When the state change was committed.' },
    source: { type: 'string', enum: [...EVENT_SOURCES], description: 'The service that produced the event.' },
    correlationId: {
      type: 'string',
      minLength: 1,
      maxLength: 128,
      description:
        'Ties the event to the request that started the chain (X-Request-Id); also the x-correlation-id header.',
    },
    causationId: {
      type: ['string', 'null'],
      minLength: 1,
      maxLength: 128,
      description: 'Id of the event that caused this one; null when a request did.',
    },
    data: { type: 'object', description: 'The payload; its shape depends on type and version.' },
  },
};
