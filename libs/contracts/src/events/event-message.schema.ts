import { JsonSchema } from '../json-schema';
import { EventDefinition } from './event-definition';
import { eventEnvelopeSchema } from './event-envelope.schema';

/** The whole message body of one event type: the envelope with its type, version and data pinned. */
export function eventMessageSchema(definition: EventDefinition): JsonSchema {
  return {
    title: definition.type,
    allOf: [
      eventEnvelopeSchema,
      {
        type: 'object',
        properties: {
          type: { const: definition.type },
          version: { const: definition.version },
          data: definition.dataSchema,
        },
      },
    ],
  };
}
