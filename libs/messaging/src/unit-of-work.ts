import { DataSource, EntityManager } from 'typeorm';
import { CorrelationContext } from '@envrefresh/observability';
import { traceHeaders } from '@envrefresh/tracing';
import { OutboxRepository } from './outbox/outbox.repository';

/** The minimal shape of an event envelope this layer needs; `@envrefresh/contracts` builds them. */
export interface OutgoingEnvelope {
  id: string;
  type: string;
  correlationId: string;
}

/** What a use case or event handler gets: one database transaction, and events tied to it. */
export interface TransactionContext {
  manager: EntityManager;
  /** Queues the event in the outbox; it is published if and only if this transaction commits. */
  publish(envelope: OutgoingEnvelope): Promise<void>;
}

/** Runs work in a transaction whose events reach the outbox atomically with the state change. */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly afterCommitWithEvents: () => void = () => undefined,
    /** Whether this service owns an event type; MessagingModule passes the catalog's owner map. */
    private readonly owns: (type: string) => boolean = () => true,
  ) {}

  async run<T>(work: (context: TransactionContext) => Promise<T>): Promise<T> {
    let joined: JoinedTransaction | undefined;
    const result = await this.dataSource.transaction(async (manager) => {
      joined = this.join(manager);
      return work(joined.context);
    });
    joined?.committed();
    return result;
  }

  /**
   * Events in a transaction someone else opened and commits (the due-row worker's claim, which
   * must hold its row locks until the events are written): call `committed()` once it has, so the
   * relay is woken for what it wrote.
   */
  join(manager: EntityManager): JoinedTransaction {
    let published = 0;
    return {
      context: {
        manager,
        publish: async (envelope) => {
          // Consumers would refuse it and the broker would close the relay's channel on it:
          // better the use case fails here, where the mistake is.
          if (!this.owns(envelope.type))
            throw new Error(`this service does not own ${envelope.type} events and may not publish them`);
          await this.outbox.append(manager, {
            id: envelope.id,
            type: envelope.type,
            routingKey: envelope.type,
            payload: envelope,
            headers: {
              'x-correlation-id': envelope.correlationId ?? CorrelationContext.correlationId(),
              // The trace of the work that wrote the event (W3C traceparent, tracestate; nothing when
              // tracing is off), kept with the row so the relay's publish continues it (ADR 0022).
              ...traceHeaders(),
            },
          });
          published += 1;
        },
      },
      committed: () => {
        if (published > 0) this.afterCommitWithEvents();
      },
    };
  }
}

/** A TransactionContext on an outside transaction, and the call to make after it committed. */
export interface JoinedTransaction {
  context: TransactionContext;
  committed(): void;
}
