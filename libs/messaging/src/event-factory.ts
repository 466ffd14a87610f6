import { EventDefinition, EventEnvelope, createEnvelope } from '@envrefresh/contracts';
import { CorrelationContext } from '@envrefresh/observability';

/**
 * Builds envelopes for the work at hand: the correlation id of the request or event being
 * served, and that event as the cause.
 */
export class EventFactory {
  constructor(readonly service: string) {}

  create<TType extends string, TData>(
    definition: EventDefinition<TType, TData>,
    data: TData,
  ): EventEnvelope<TType, TData> {
    return createEnvelope(definition, data, {
      correlationId: CorrelationContext.correlationId(),
      causationId: CorrelationContext.causationId(),
    });
  }
}
