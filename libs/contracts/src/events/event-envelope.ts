import { EventSource } from './event-source';

/** The plain JSON body of every message on the events exchange (see SPEC.md, "Events"). */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  /** uuid; also the AMQP message-id, and what consumers deduplicate on. */
  id: string;
  /** Also the routing key. */
  type: TType;
  version: number;
  /** ISO-8601 instant. */
  occurredAt: string;
  source: EventSource;
  correlationId: string;
  /** Id of the event (or command) that caused this one; null when a person's request did. */
  causationId: string | null;
  data: TData;
}
