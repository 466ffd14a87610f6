import { Logger } from '@nestjs/common';
import { RmqContext, ServerRMQ } from '@nestjs/microservices';
import type { ChannelWrapper } from 'amqp-connection-manager';

/**
 * Nest's RMQ server publishes each reply on a confirm channel and drops the promise. When the
 * broker goes away with replies unconfirmed (a RabbitMQ restart), amqp-connection-manager rejects
 * those promises with "channel closed", nobody handles them, and Node ends the process: the fault
 * harness saw a scheduling replica exit 1 on a broker restart. The reply is lost either way (the
 * caller's timeout answers 504); the process must stay up. Every reply's promise gets a handler.
 */
export class ReplySafeServerRMQ extends ServerRMQ {
  private readonly replyLogger = new Logger('RpcServer');
  private readonly guarded = new WeakSet<ChannelWrapper>();

  override sendMessage<T = unknown>(
    message: T,
    replyTo: unknown,
    correlationId: string,
    context: RmqContext,
  ): void {
    this.guardReplies();
    super.sendMessage(message, replyTo, correlationId, context);
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
}
