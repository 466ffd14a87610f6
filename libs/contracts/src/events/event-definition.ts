import { JsonSchema } from '../json-schema';
import { EventEnvelope } from './event-envelope';
import { EventSource } from './event-source';

/** One event type at one version: its TS data type, its JSON Schema and who produces it. */
export interface EventDefinition<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly version: number;
  /** The service that publishes it. */
  readonly source: EventSource;
  readonly description: string;
  readonly dataSchema: JsonSchema;
  /**
   * A valid `data`, type-checked against TData by the compiler and validated against dataSchema by
   * the tests, so the type and the schema cannot silently disagree; it is also the documented example.
   */
  readonly example: TData;
}

export type EventData<TDefinition> = TDefinition extends EventDefinition<string, infer TData> ? TData : never;

export type EnvelopeOf<TDefinition> =
  TDefinition extends EventDefinition<infer TType, infer TData> ? EventEnvelope<TType, TData> : never;

/**
 * `defineEvent<IntentView>()({ type: 'intent.requested', … })`: curried so the data type is given
 * explicitly while the type name is still inferred as a literal.
 */
export function defineEvent<TData>() {
  return <TType extends string>(definition: EventDefinition<TType, TData>): EventDefinition<TType, TData> =>
    Object.freeze({ ...definition });
}

/** Narrows a validated envelope to one definition, for consumers that handle several types. */
export function isEventOf<TType extends string, TData>(
  envelope: EventEnvelope,
  definition: EventDefinition<TType, TData>,
): envelope is EventEnvelope<TType, TData> {
  return envelope.type === definition.type && envelope.version === definition.version;
}
