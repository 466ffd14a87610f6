import { Logger } from '@nestjs/common';
import { RmqContext, RmqOptions, ServerRMQ } from '@nestjs/microservices';
import type { Channel, ConsumeMessage, Options, Replies } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { BROKER_RECONNECT_SECONDS } from '../connection/amqp-connection';
import { RpcServerReadiness } from './rpc-server.readiness';

/**
 * Nest's RMQ server, made safe for a broker that goes away and honest about whether it serves.
 *
 * Replies: Nest publishes each reply on a confirm channel and drops the promise. When the broker
 * goes away with replies unconfirmed (a RabbitMQ restart), amqp-connection-manager rejects those
 * promises with "channel closed", nobody handles them, and Node ends the process: the fault
 * harness saw a scheduling replica exit 1 on a broker restart. The reply is lost either way (the
 * caller's timeout answers 504); the process must stay up. Every reply's promise gets a handler.
 *
 * Consuming: every consume and every loss of it (the channel closed, the broker cancelled the
 * consumer) is told to `readiness`, so the service is not ready while requests would only queue.
 * A channel closed under a live connection is never set up again by amqp-connection-manager (it
 * waits for a reconnect that does not come), so the server reconnects itself.
 */
export class ReplySafeServerRMQ extends ServerRMQ {
  private readonly replyLogger = new Logger('RpcServer');
  private readonly guarded = new WeakSet<ChannelWrapper>();
  private closing = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    options: NonNullable<RmqOptions['options']>,
    private readonly readiness = new RpcServerReadiness(),
  ) {
    super(options);
  }

  override sendMessage<T = unknown>(
    message: T,
    replyTo: unknown,
    correlationId: string,
    context: RmqContext,
  ): void {
    this.guardReplies();
    super.sendMessage(message, replyTo, correlationId, context);
  }

  override async setupChannel(channel: Channel, callback: () => void): Promise<void> {
    this.watchConsumer(channel);
    channel.once('close', () => this.lostConsumer('its channel closed'));
    await super.setupChannel(channel, callback);
  }

  override async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    this.readiness.stopped('the server is stopping');
    await super.close();
  }

  private guardReplies(): void {
    const channel = this.channel;
    if (!channel || this.guarded.has(channel)) return;
    const send = channel.sendToQueue.bind(channel);
    channel.sendToQueue = (...args: Parameters<ChannelWrapper['sendToQueue']>) => {
      const sent = send(...args);
      sent.catch((error: Error) =>
        this.replyLogger.warn(`a reply was lost (${error.message}); its caller's timeout answers for it`),
      );
      return sent;
    };
    this.guarded.add(channel);
  }

  /** Nest calls `consume` without awaiting it: the tag it answers, or its failure, is heard here. */
  private watchConsumer(channel: Channel): void {
    const consume = channel.consume.bind(channel);
    channel.consume = (
      queue: string,
      onMessage: (message: ConsumeMessage | null) => void,
      options?: Options.Consume,
    ): Promise<Replies.Consume> => {
      const consumed = consume(
        queue,
        (message) => {
          // A null delivery is the broker cancelling the consumer (its queue deleted, say).
          if (message === null) this.lostConsumer('the broker cancelled the consumer');
          onMessage(message);
        },
        options,
      );
      consumed.then(
        ({ consumerTag }) => this.readiness.consuming(consumerTag),
        (error: Error) => this.lostConsumer(`consume failed: ${error.message}`),
      );
      return consumed;
    };
  }

  private lostConsumer(reason: string): void {
    if (this.closing) return;
    this.readiness.stopped(reason);
    this.replyLogger.warn(`not consuming RPC requests: ${reason}`);
    const connection = this.server;
    if (!connection?.isConnected() || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.closing || this.readiness.isConsuming() || !connection.isConnected()) return;
      this.replyLogger.warn('reconnecting to consume RPC requests again');
      connection.reconnect();
    }, BROKER_RECONNECT_SECONDS * 1000);
    this.reconnectTimer.unref();
  }
}
