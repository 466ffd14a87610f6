import { RmqOptions, Transport } from '@nestjs/microservices';
import { rpcQueue } from '../topology/topology';

/**
 * The request/reply side of a service: Nest's RMQ transport on its own queue. Replies go back on
 * direct reply-to; requests are acked only after the handler answered.
 */
export function rpcServerOptions(options: {
  amqpUrl: string;
  namespace: string;
  service: string;
  prefetch?: number;
}): RmqOptions {
  return {
    transport: Transport.RMQ,
    options: {
      urls: [options.amqpUrl],
      queue: rpcQueue(options.namespace, options.service),
      queueOptions: { durable: true },
      noAck: false,
      prefetchCount: options.prefetch ?? 50,
      persistent: false,
    },
  };
}
