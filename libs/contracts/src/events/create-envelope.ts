import { randomUUID } from 'node:crypto';
import { EventDefinition } from './event-definition';
import { EventEnvelope } from './event-envelope';
import { EventSource } from './event-source';

export interface EnvelopeOptions {
  correlationId: string;
  causationId: string | null;
  /** Defaults to the definition's producing service. */
  source?: EventSource;
  /** Defaults to a new uuid. */
  id?: string;
  /** Defaults to now. */
  occurredAt?: string | Date;
}

export function createEnvelope<TType extends string, TData>(
  definition: EventDefinition<TType, TData>,
  data: TData,
  options: EnvelopeOptions,
): EventEnvelope<TType, TData> {
  const occurredAt = options.occurredAt ?? new Date();
  return {
    id: options.id ?? randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString(),
    source: options.source ?? definition.source,
    correlationId: options.correlationId,
    causationId: options.causationId,
    data,
  };
}
