import { ProbeQueue, bindProbeQueue, eventually } from '@envrefresh/testing';
import { ApiSuite } from '../../api/support/api-suite';

/** An event as it travelled on the exchange. */
export interface Envelope<TData = unknown> {
  id: string;
  type: string;
  source: string;
  correlationId: string;
  data: TData;
}

/**
 * Plays a downstream consumer of the exchange: every event whose routing key matches is kept, so
 * a test can wait for the one that a change must publish and compare what it carried.
 */
export class EventWatch {
  private constructor(private readonly probe: ProbeQueue) {}

  /** Bind after `useApiSuite()` has started the apps: they declare the exchange. */
  static async start(suite: ApiSuite, routingKeys: string[]): Promise<EventWatch> {
    return new EventWatch(await bindProbeQueue(suite.amqpUrl, suite.exchange, routingKeys));
  }

  /** Every event of this type received so far, in arrival order. */
  all<TData>(type: string): Envelope<TData>[] {
    return this.probe.messages
      .map((message) => message.json<Envelope<TData>>())
      .filter((envelope) => envelope.type === type);
  }

  /** The events of this type whose data satisfies `match`. */
  matching<TData>(type: string, match: (data: TData) => boolean): Envelope<TData>[] {
    return this.all<TData>(type).filter((envelope) => match(envelope.data));
  }

  /** Waits for exactly one event of this type whose data satisfies `match`, and answers it. */
  async one<TData>(
    type: string,
    match: (data: TData) => boolean,
    timeoutMs = 10_000,
  ): Promise<Envelope<TData>> {
    return eventually(
      () => {
        const found = this.matching<TData>(type, match);
        if (found.length !== 1) {
          throw new Error(`expected one ${type} event that matches, saw ${found.length}`);
        }
        return found[0];
      },
      { timeoutMs, intervalMs: 50 },
    );
  }

  close(): Promise<void> {
    return this.probe.close();
  }
}

/** `data.id === id`: the event about this entity. */
export const about =
  (id: string) =>
  (data: { id?: string }): boolean =>
    data?.id === id;
