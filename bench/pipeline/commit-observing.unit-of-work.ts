import { EntityManager } from 'typeorm';
import { TransactionContext, UnitOfWork } from '@envrefresh/messaging';
import { nowMs } from '../support/latency';

/**
 * The consumer's UnitOfWork, observed: when the transaction in which a handler ran commits, it
 * reports the event and the time. EventConsumer acks the message as soon as `run` resolves, in the
 * same tick, so this instant is the ack less the cost of a synchronous `channel.ack` call.
 */
export class CommitObservingUnitOfWork extends UnitOfWork {
  private readonly eventHandledIn = new WeakMap<EntityManager, string>();
  onCommitted: (eventId: string, atMs: number) => void = () => undefined;

  /** Called by the handler from inside its transaction. */
  noteHandled(manager: EntityManager, eventId: string): void {
    this.eventHandledIn.set(manager, eventId);
  }

  override async run<T>(work: (context: TransactionContext) => Promise<T>): Promise<T> {
    let manager: EntityManager | undefined;
    const result = await super.run((context) => {
      manager = context.manager;
      return work(context);
    });
    const eventId = manager && this.eventHandledIn.get(manager);
    if (eventId) this.onCommitted(eventId, nowMs());
    return result;
  }
}
