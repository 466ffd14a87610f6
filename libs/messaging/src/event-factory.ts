import { EventDefinition, EventEnvelope, createEnvelope } from '@envrefresh/contracts';
import { Clock, SystemClock } from '@envrefresh/kernel';
import { CorrelationContext } from '@envrefresh/observability';

/**
 * Builds envelopes for the work at hand: the correlation id of the request or event being
 * served, that event as the cause, and the business clock's time as `occurredAt`.
 */
export class EventFactory {
  constructor(
    readonly service: string,
    private readonly clock: Clock = new SystemClock(),
  ) {}

  create<TType extends string, TData>(
    definition: EventDefinition<TType, TData>,
    data: TData,
  ): EventEnvelope<TType, TData> {
    return createEnvelope(definition, data, {
      correlationId: CorrelationContext.correlationId(),
      causationId: CorrelationContext.causationId(),
      occurredAt: this.clock.now(),
    });
  }
}
