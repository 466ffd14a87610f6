import { DataSource, EntityManager } from 'typeorm';
import { CorrelationContext } from '@envrefresh/observability';
import {
  LiteralSql,
  SqlWrite,
  WriteStatement,
  inlinedSql,
  runTransactionBegunWith,
} from '@envrefresh/persistence';
import { traceHeaders } from '@envrefresh/tracing';
import { NewOutboxRow, OutboxRepository } from './outbox/outbox.repository';

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
  /**
   * Runs `effect` once this transaction has committed, never if it rolls back: to wake a worker
   * for the rows it made due, which would otherwise wait for the worker's next poll.
   */
  afterCommit(effect: () => void): void;
}

/**
 * What a command that only writes gets instead (`UnitOfWork.runAsOneStatement`): its writes and
 * events are collected, then sent as one statement after the work returns.
 */
export interface StatementContext {
  /** For the reads the work needs first: each query runs on its own, outside any transaction. */
  manager: EntityManager;
  write(write: SqlWrite): void;
  /** The one write that runs before the others (WriteStatement.lead): a claim that may wait. */
  lead(write: SqlWrite): void;
  /** Queues the event in the outbox, in the same statement as the writes. */
  publish(envelope: OutgoingEnvelope): void;
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

  /** Runs each query on its own, outside any transaction: for the reads before runAsOneStatement. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

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
   * `run`, with the BEGIN sent together with `opening`, whose rows `work` is given, and the events
   * the work publishes sent with the COMMIT: a round trip fewer for the BEGIN and one per event,
   * for a transaction that always starts with the same write (a consumer's inbox rows).
   */
  async runBegunWith<T>(
    opening: LiteralSql,
    work: (context: TransactionContext, opened: Record<string, unknown>[]) => Promise<T>,
  ): Promise<T> {
    let joined: JoinedTransaction | undefined;
    const result = await runTransactionBegunWith(
      this.dataSource,
      opening,
      ({ manager, opened, closeWith }) => {
        joined = this.join(manager, closeWith);
        return work(joined.context, opened);
      },
    );
    joined?.committed();
    return result;
  }

  /**
   * For a command whose reads can come first and whose writes need nothing back: `work` reads what
   * it needs (outside any transaction) and adds its writes and events; they are then sent as one
   * statement (WriteStatement), atomic on its own, one round trip instead of BEGIN, one per row,
   * COMMIT. Nothing is written when `work` throws. Suits a create whose rows are all new; a change
   * guarded by what it read (an UPDATE … WHERE version) belongs in `run`.
   */
  async runAsOneStatement<T>(work: (context: StatementContext) => Promise<T>): Promise<T> {
    const statement = new WriteStatement();
    let published = 0;
    const result = await work({
      manager: this.dataSource.manager,
      write: (write) => statement.add(write),
      lead: (write) => statement.lead(write),
      publish: (envelope) => {
        statement.add(this.outbox.appendWrite(this.outboxRowOf(envelope)));
        published += 1;
      },
    });
    await statement.run(this.dataSource);
    if (published > 0) this.afterCommitWithEvents();
    return result;
  }

  /**
   * Events in a transaction someone else opened and commits (the due-row worker's claim, which
   * must hold its row locks until the events are written): call `committed()` once it has, so the
   * relay is woken for what it wrote. Given `closeWith`, the events are written with the COMMIT.
   */
  join(manager: EntityManager, closeWith?: (statement: LiteralSql) => void): JoinedTransaction {
    let published = 0;
    const effects: Array<() => void> = [];
    return {
      context: {
        manager,
        publish: async (envelope) => {
          const row = this.outboxRowOf(envelope);
          if (closeWith) closeWith(inlinedSql(this.outbox.appendWrite(row)));
          else await this.outbox.append(manager, row);
          published += 1;
        },
        afterCommit: (effect) => effects.push(effect),
      },
      committed: () => {
        if (published > 0) this.afterCommitWithEvents();
        for (const effect of effects) effect();
      },
    };
  }

  private outboxRowOf(envelope: OutgoingEnvelope): NewOutboxRow {
    // Consumers would refuse it and the broker would close the relay's channel on it:
    // better the use case fails here, where the mistake is.
    if (!this.owns(envelope.type))
      throw new Error(`this service does not own ${envelope.type} events and may not publish them`);
    return {
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
    };
  }
}

/** A TransactionContext on an outside transaction, and the call to make after it committed. */
export interface JoinedTransaction {
  context: TransactionContext;
  committed(): void;
}
