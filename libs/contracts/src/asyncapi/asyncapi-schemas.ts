import { eventEnvelopeSchema } from '../events/event-envelope.schema';
import { JsonSchema } from '../json-schema';
import { actorRefSchema } from '../model/actor';
import { bookingViewSchema } from '../model/booking-view';
import { conflictViewSchema } from '../model/conflict-view';
import { environmentViewSchema } from '../model/environment-view';
import { intentViewSchema } from '../model/intent-view';
import { scheduleJobViewSchema, scheduleViewSchema } from '../model/schedule-view';
import { windowViewSchema } from '../model/window-view';

/** Schemas shared by several messages: documented once under components.schemas and referenced. */
export const NAMED_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  EventEnvelope: eventEnvelopeSchema,
  ActorRef: actorRefSchema,
  IntentView: intentViewSchema,
  EnvironmentView: environmentViewSchema,
  ConflictView: conflictViewSchema,
  BookingView: bookingViewSchema,
  WindowView: windowViewSchema,
  ScheduleView: scheduleViewSchema,
  ScheduleJobView: scheduleJobViewSchema,
};

const nameOf = new Map<unknown, string>(
  Object.entries(NAMED_SCHEMAS).map(([name, schema]) => [schema, name]),
);

/**
 * Copies a schema for the document, replacing every nested named schema by a $ref. Recognition is
 * by identity, so the validator and the document are built from the very same objects.
 */
export function toDocumentSchema(schema: JsonSchema, definingName?: string): JsonSchema {
  return copy(schema, definingName) as JsonSchema;
}

function copy(value: unknown, definingName?: string): unknown {
  const name = nameOf.get(value);
  if (name !== undefined && name !== definingName) return { $ref: `#/components/schemas/${name}` };
  if (Array.isArray(value)) return value.map((item) => copy(item));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copy(item)]));
  }
  return value;
}
