import { stringify } from 'yaml';
import { createEnvelope } from '../events/create-envelope';
import { EVENT_CATALOG } from '../events/event-catalog';
import { EventDefinition } from '../events/event-definition';
import { eventMessageSchema } from '../events/event-message.schema';
import { DEFAULT_EVENT_RETENTION, eventStreamName } from '../events/event-stream';
import { NAMED_SCHEMAS, toDocumentSchema } from './asyncapi-schemas';
import { eventsDescription } from './asyncapi-description';

/** Bump when the document's content changes in a way downstream readers should notice. */
export const EVENTS_API_VERSION = '1.0.0';
export const DEFAULT_EVENTS_EXCHANGE = 'envrefresh.events';
export const DEFAULT_EVENT_STREAM = eventStreamName('envrefresh');

const AMQP_BINDING_VERSION = '0.3.0';
const CHANNEL = 'events';
const STREAM_CHANNEL = 'eventStream';
const CONTENT_TYPE = 'application/json';
const EXAMPLE_CORRELATION_ID = '9f4c2d1e-7b3a-4e5f-8a6b-1c2d3e4f5a6b';

/** `intent.rolled_back` → `intentRolledBack`; versions after the first get a `V<n>` suffix. */
export function messageKey(definition: Pick<EventDefinition, 'type' | 'version'>): string {
  const camel = definition.type.replace(/[._]([a-z])/g, (_match, letter: string) => letter.toUpperCase());
  return definition.version === 1 ? camel : `${camel}V${definition.version}`;
}

function titleOf(type: string): string {
  const words = type.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function pascal(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const headersSchema = {
  type: 'object',
  required: ['x-correlation-id'],
  properties: {
    'x-correlation-id': {
      type: 'string',
      description: 'Same value as the envelope correlationId.',
    },
  },
};

function message(definition: EventDefinition) {
  const example = createEnvelope(definition, definition.example, {
    id: '2b7e1516-28ae-4d2a-abf7-158809cf4f3c',
    occurredAt: '2025-02-21T10:00:00.000Z',
    correlationId: EXAMPLE_CORRELATION_ID,
    causationId: null,
  });
  return {
    name: definition.type,
    title: titleOf(definition.type),
    summary: definition.description,
    description: `Published by the ${definition.source} service with routing key \`${definition.type}\`; data version ${definition.version}.`,
    contentType: CONTENT_TYPE,
    headers: headersSchema,
    correlationId: {
      description: 'Correlates every event that follows from one request.',
      location: '$message.header#/x-correlation-id',
    },
    payload: toDocumentSchema(eventMessageSchema(definition)),
    bindings: { amqp: { messageType: definition.type, bindingVersion: AMQP_BINDING_VERSION } },
    examples: [
      {
        name: messageKey(definition),
        headers: { 'x-correlation-id': EXAMPLE_CORRELATION_ID },
        payload: example,
      },
    ],
  };
}

function sendOperation(definition: EventDefinition) {
  return {
    action: 'send',
    channel: { $ref: `#/channels/${CHANNEL}` },
    title: `${definition.source} publishes ${definition.type}`,
    summary: definition.description,
    tags: [{ name: definition.source }],
    messages: [{ $ref: `#/channels/${CHANNEL}/messages/${messageKey(definition)}` }],
    bindings: {
      amqp: { cc: [definition.type], deliveryMode: 2, mandatory: true, bindingVersion: AMQP_BINDING_VERSION },
    },
  };
}

/** The AsyncAPI 3.0.0 document of the events exchange, as a plain object. */
export function buildAsyncApiDocument(
  catalog: readonly EventDefinition[] = EVENT_CATALOG,
  exchange = DEFAULT_EVENTS_EXCHANGE,
  stream = DEFAULT_EVENT_STREAM,
) {
  const keys = catalog.map(messageKey);
  const channelMessages = Object.fromEntries(
    keys.map((key) => [key, { $ref: `#/components/messages/${key}` }]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'envrefresh events',
      version: EVENTS_API_VERSION,
      description: eventsDescription(exchange, stream),
      license: { name: 'Apache-2.0' },
    },
    defaultContentType: CONTENT_TYPE,
    servers: {
      rabbitmq: {
        host: 'localhost:5672',
        protocol: 'amqp',
        protocolVersion: '0.9.1',
        description: 'RabbitMQ of a local installation; each deployment points AMQP_URL at its own broker.',
      },
    },
    channels: {
      [CHANNEL]: {
        address: exchange,
        title: 'Domain events exchange',
        description: 'Topic exchange; the routing key of every message is its event type.',
        messages: channelMessages,
        bindings: {
          amqp: {
            is: 'routingKey',
            exchange: { name: exchange, type: 'topic', durable: true, autoDelete: false, vhost: '/' },
            bindingVersion: AMQP_BINDING_VERSION,
          },
        },
      },
      [STREAM_CHANNEL]: {
        address: stream,
        title: 'Event stream (replay)',
        description: `A RabbitMQ stream (x-queue-type: stream) bound to ${exchange} with #: every event, kept for EVENT_RETENTION (default ${DEFAULT_EVENT_RETENTION}). Read it from an offset or a time with the consumer argument x-stream-offset.`,
        messages: channelMessages,
        bindings: {
          amqp: {
            is: 'queue',
            queue: { name: stream, durable: true, exclusive: false, autoDelete: false, vhost: '/' },
            bindingVersion: AMQP_BINDING_VERSION,
          },
        },
      },
    },
    operations: {
      ...Object.fromEntries(
        catalog.map((definition) => [`publish${pascal(messageKey(definition))}`, sendOperation(definition)]),
      ),
      consumeEvents: {
        action: 'receive',
        channel: { $ref: `#/channels/${CHANNEL}` },
        title: 'A consumer receives events',
        summary:
          'Bind your own durable queue (with its own dead-letter queue) by routing key, then consume with manual ack.',
        messages: keys.map((key) => ({ $ref: `#/channels/${CHANNEL}/messages/${key}` })),
        bindings: { amqp: { ack: true, bindingVersion: AMQP_BINDING_VERSION } },
      },
      replayEvents: {
        action: 'receive',
        channel: { $ref: `#/channels/${STREAM_CHANNEL}` },
        title: 'A late consumer replays events',
        summary:
          'Consume the stream with a prefetch, manual ack and x-stream-offset (first, an offset, or a timestamp) to catch up on what was published before you bound your queue.',
        messages: keys.map((key) => ({ $ref: `#/channels/${STREAM_CHANNEL}/messages/${key}` })),
        bindings: { amqp: { ack: true, bindingVersion: AMQP_BINDING_VERSION } },
      },
    },
    components: {
      schemas: Object.fromEntries(
        Object.entries(NAMED_SCHEMAS).map(([name, schema]) => [name, toDocumentSchema(schema, name)]),
      ),
      messages: Object.fromEntries(
        catalog.map((definition) => [messageKey(definition), message(definition)]),
      ),
    },
  };
}

const HEADER = '# Generated from libs/contracts by `npm run docs:asyncapi`. Do not edit by hand.\n';

export function renderAsyncApi(
  catalog: readonly EventDefinition[] = EVENT_CATALOG,
  exchange = DEFAULT_EVENTS_EXCHANGE,
): string {
  return (
    HEADER +
    stringify(buildAsyncApiDocument(catalog, exchange), {
      // YAML 1.1-safe quoting, so readers on older parsers get strings, not dates or booleans.
      version: '1.1',
      aliasDuplicateObjects: false,
      lineWidth: 0,
    })
  );
}
