import { EntityManager } from 'typeorm';
import { TransactionContext, UnitOfWork } from '@envrefresh/messaging';
import type { LiteralSql } from '@envrefresh/persistence';
import { nowMs } from '../support/latency';

/**
 * The consumer's UnitOfWork, observed: when the transaction in which handlers ran commits (one
 * event, or a batch of them), it reports each event and the time. EventConsumer acks the message as soon as `run` resolves, in the
 * same tick, so this instant is the ack less the cost of a synchronous `channel.ack` call.
 */
export class CommitObservingUnitOfWork extends UnitOfWork {
  private readonly eventsHandledIn = new WeakMap<EntityManager, string[]>();
  onCommitted: (eventId: string, atMs: number) => void = () => undefined;

  /** Called by the handler from inside its transaction. */
  noteHandled(manager: EntityManager, eventId: string): void {
    this.eventsHandledIn.set(manager, [...(this.eventsHandledIn.get(manager) ?? []), eventId]);
  }

  override async run<T>(work: (context: TransactionContext) => Promise<T>): Promise<T> {
    let manager: EntityManager | undefined;
    const result = await super.run((context) => {
      manager = context.manager;
      return work(context);
    });
    this.committed(manager);
    return result;
  }

  /** The consumer's own path (ADR 0036): its transaction begins with the inbox rows. */
  override async runBegunWith<T>(
    opening: LiteralSql,
    work: (context: TransactionContext, opened: Record<string, unknown>[]) => Promise<T>,
  ): Promise<T> {
    let manager: EntityManager | undefined;
    const result = await super.runBegunWith(opening, (context, opened) => {
      manager = context.manager;
      return work(context, opened);
    });
    this.committed(manager);
    return result;
  }

  private committed(manager: EntityManager | undefined): void {
    const committedAt = nowMs();
    for (const eventId of (manager && this.eventsHandledIn.get(manager)) ?? [])
      this.onCommitted(eventId, committedAt);
  }
}
