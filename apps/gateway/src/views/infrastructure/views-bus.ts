import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import {
  AmqpConnection,
  VIEW_CHANGING_EVENT_FAMILIES,
  declareEventsExchange,
  viewsExchange,
  viewsQueue,
} from '@envrefresh/messaging';
import { Invalidation } from '../domain/view-cache';
import { BarrierOutcome, ViewsBusHandlers, ViewsBusPort } from '../application/views-bus.port';

/** How often each replica says it is there, on the shared fanout. */
export const VIEWS_HEARTBEAT_MS = 1_000;
/** A peer silent for this long is forgotten: a write no longer waits for it. */
export const PEER_FORGOTTEN_AFTER_MS = 3.5 * VIEWS_HEARTBEAT_MS;
/**
 * A replica that has not heard its own heartbeat for this long stops serving from memory. Shorter
 * than PEER_FORGOTTEN_AFTER_MS: a replica its peers stop waiting for has already fenced itself.
 */
export const SELF_FENCE_AFTER_MS = 2.5 * VIEWS_HEARTBEAT_MS;

type BusMessage =
  | { kind: 'heartbeat'; replica: string }
  | { kind: 'invalidate'; replica: string; id: string; invalidation: Invalidation }
  | { kind: 'ack'; replica: string; id: string };

export interface ViewsBusOptions {
  amqpUrl: string;
  namespace: string;
}

/**
 * The gateway replicas' barrier (ADR 0031): a fanout exchange each replica binds its own
 * exclusive queue to. Heartbeats tell who the peers are; a write's invalidation is acknowledged
 * by every peer before its answer leaves. The same queue receives the view-changing events.
 */
export class ViewsBus implements ViewsBusPort {
  readonly replicaId = randomUUID();
  private readonly logger = new Logger(ViewsBus.name);
  private readonly connection: AmqpConnection;
  private readonly channel: ChannelWrapper;
  private readonly exchange: string;
  private readonly queue: string;
  private readonly peers = new Map<string, number>();
  private readonly waiting = new Map<string, { pending: Set<string>; done: () => void }>();
  private lastOwnHeartbeatAt = 0;
  /**
   * Own heartbeats heard since the queue was (re)subscribed. A replica serves from memory from the
   * second one: every peer received the first (the same fanout message) a heartbeat earlier, so
   * by then each of them waits for this replica on its writes.
   */
  private ownHeartbeatsSinceSubscribe = 0;
  private consuming = false;
  private heartbeat?: NodeJS.Timeout;
  private handlers?: ViewsBusHandlers;

  constructor(private readonly options: ViewsBusOptions) {
    this.exchange = viewsExchange(options.namespace);
    this.queue = viewsQueue(options.namespace, this.replicaId);
    this.connection = new AmqpConnection({
      url: options.amqpUrl,
      connectionName: 'envrefresh-gateway-views',
    });
    this.channel = this.connection.createChannel({
      name: 'gateway-views',
      json: false,
      setup: (channel: ConfirmChannel) => this.setUp(channel),
    });
  }

  start(handlers: ViewsBusHandlers): void {
    this.handlers = handlers;
    this.heartbeat = setInterval(
      () => this.publish({ kind: 'heartbeat', replica: this.replicaId }),
      VIEWS_HEARTBEAT_MS,
    );
    this.heartbeat.unref();
  }

  /** Whether this replica's queue demonstrably flows: consuming, and its own last heartbeat came back lately. */
  flowing(now = Date.now()): boolean {
    return (
      this.consuming &&
      this.connection.isConnected() &&
      this.ownHeartbeatsSinceSubscribe >= 2 &&
      now - this.lastOwnHeartbeatAt < SELF_FENCE_AFTER_MS
    );
  }

  /** Peers heard from lately: those a write waits for. */
  peerCount(now = Date.now()): number {
    let count = 0;
    for (const seenAt of this.peers.values()) if (now - seenAt <= PEER_FORGOTTEN_AFTER_MS) count += 1;
    return count;
  }

  /** Sends the invalidation to every replica and waits for each known peer's ack, at most `waitMs`. */
  async announce(invalidation: Invalidation, waitMs: number): Promise<BarrierOutcome> {
    const now = Date.now();
    const pending = new Set<string>();
    for (const [peer, seenAt] of this.peers) {
      if (now - seenAt > PEER_FORGOTTEN_AFTER_MS) this.peers.delete(peer);
      else pending.add(peer);
    }
    const id = randomUUID();
    const peers = pending.size;
    let timer: NodeJS.Timeout | undefined;
    const acked = new Promise<boolean>((resolve) => {
      if (pending.size === 0) return resolve(true);
      this.waiting.set(id, { pending, done: () => resolve(true) });
      timer = setTimeout(() => resolve(false), waitMs);
    });
    try {
      await this.publishOrFail({ kind: 'invalidate', replica: this.replicaId, id, invalidation }, waitMs);
      return { peers, complete: await acked };
    } catch (error) {
      this.logger.warn(`views invalidation not published: ${(error as Error).message}`);
      return { peers, complete: peers === 0 };
    } finally {
      clearTimeout(timer);
      this.waiting.delete(id);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.connection.close();
  }

  private async setUp(channel: ConfirmChannel): Promise<void> {
    this.consuming = false;
    this.ownHeartbeatsSinceSubscribe = 0;
    await channel.assertExchange(this.exchange, 'fanout', { durable: true });
    await channel.assertQueue(this.queue, { exclusive: true, autoDelete: true, durable: false });
    await channel.bindQueue(this.queue, this.exchange, '');
    const events = `${this.options.namespace}.events`;
    await declareEventsExchange(channel, events);
    for (const family of VIEW_CHANGING_EVENT_FAMILIES)
      await channel.bindQueue(this.queue, events, `${family}.#`);
    await channel.consume(this.queue, (message) => this.receive(message), { noAck: true });
    this.consuming = true;
    this.handlers?.resubscribed();
  }

  private receive(message: ConsumeMessage | null): void {
    if (!message || !this.handlers) return;
    let body: unknown;
    try {
      body = JSON.parse(message.content.toString('utf8'));
    } catch {
      return;
    }
    if (message.fields.exchange !== this.exchange && message.fields.exchange !== '') {
      const event = body as { type?: unknown; data?: unknown };
      if (typeof event.type === 'string') this.handlers.event(event.type, event.data);
      return;
    }
    try {
      this.onBusMessage(body as BusMessage);
    } catch (error) {
      // Only gateway replicas may publish here; a message of another shape is dropped, not fatal.
      this.logger.warn(`views message dropped: ${(error as Error).message}`);
    }
  }

  private onBusMessage(message: BusMessage): void {
    if (typeof message?.replica !== 'string') return;
    if (message.kind === 'heartbeat') {
      if (message.replica === this.replicaId) {
        this.lastOwnHeartbeatAt = Date.now();
        this.ownHeartbeatsSinceSubscribe += 1;
      } else this.peers.set(message.replica, Date.now());
    } else if (message.kind === 'invalidate') {
      if (message.replica === this.replicaId) return;
      this.peers.set(message.replica, Date.now());
      this.handlers?.invalidate(message.invalidation);
      const ack: BusMessage = { kind: 'ack', replica: this.replicaId, id: message.id };
      void this.channel
        .sendToQueue(viewsQueue(this.options.namespace, message.replica), Buffer.from(JSON.stringify(ack)), {
          persistent: false,
        })
        .catch(() => undefined);
    } else if (message.kind === 'ack') {
      const barrier = this.waiting.get(message.id);
      if (!barrier) return;
      barrier.pending.delete(message.replica);
      if (barrier.pending.size === 0) barrier.done();
    }
  }

  private publish(message: BusMessage): void {
    if (!this.connection.isConnected()) return;
    this.channel
      .publish(this.exchange, '', Buffer.from(JSON.stringify(message)), { persistent: false })
      .catch(() => undefined);
  }

  private async publishOrFail(message: BusMessage, waitMs: number): Promise<void> {
    if (!this.connection.isConnected()) throw new Error('not connected to the broker');
    await this.channel.publish(this.exchange, '', Buffer.from(JSON.stringify(message)), {
      persistent: false,
      timeout: waitMs,
    });
  }
}
