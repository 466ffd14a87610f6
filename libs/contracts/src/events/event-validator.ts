import { ValidateFunction } from 'ajv';
import { createSchemaCompiler, describeSchemaErrors } from '../schema-compiler';
import { EVENT_CATALOG } from './event-catalog';
import { EventDefinition } from './event-definition';
import { EventEnvelope } from './event-envelope';
import { eventEnvelopeSchema } from './event-envelope.schema';
import { eventMessageSchema } from './event-message.schema';

export type EventValidationResult =
  | {
      ok: true;
      envelope: EventEnvelope;
      /** The catalog entry the data was checked against; undefined for an unknown type or version. */
      definition: EventDefinition | undefined;
    }
  | { ok: false; errors: string[] };

/**
 * Checks a received body: always the envelope, and the data too when the catalog knows its type at
 * that version. Unknown types and versions pass on the envelope alone, so a consumer can decide to
 * skip them instead of dead-lettering events from a newer producer. Build one per process: every
 * schema is compiled in the constructor.
 */
export class EventValidator {
  private readonly validateEnvelope: ValidateFunction;
  private readonly byTypeAndVersion = new Map<
    string,
    { definition: EventDefinition; validate: ValidateFunction }
  >();

  constructor(catalog: readonly EventDefinition[] = EVENT_CATALOG) {
    const compiler = createSchemaCompiler();
    this.validateEnvelope = compiler.compile(eventEnvelopeSchema);
    for (const definition of catalog) {
      const key = catalogKey(definition.type, definition.version);
      if (this.byTypeAndVersion.has(key)) throw new Error(`The event catalog defines ${key} twice`);
      this.byTypeAndVersion.set(key, {
        definition,
        validate: compiler.compile(eventMessageSchema(definition)),
      });
    }
  }

  validate(body: unknown): EventValidationResult {
    const known = this.lookup(body);
    const validate = known?.validate ?? this.validateEnvelope;
    if (!validate(body)) return { ok: false, errors: describeSchemaErrors(validate.errors) };
    return { ok: true, envelope: body as EventEnvelope, definition: known?.definition };
  }

  private lookup(body: unknown) {
    if (typeof body !== 'object' || body === null) return undefined;
    const { type, version } = body as { type?: unknown; version?: unknown };
    return this.byTypeAndVersion.get(catalogKey(String(type), Number(version)));
  }
}

function catalogKey(type: string, version: number): string {
  return `${type}@v${version}`;
}
