import { CustomStrategy } from '@nestjs/microservices';
import { BROKER_HEARTBEAT_SECONDS, BROKER_RECONNECT_SECONDS } from '../connection/amqp-connection';
import { ReplySafeServerRMQ } from './reply-safe-server-rmq';
import { RpcServerReadiness } from './rpc-server.readiness';
import { rpcQueue } from '../topology/topology';

/**
 * The request/reply side of a service: Nest's RMQ transport on its own queue, replies on direct
 * reply-to. Requests are acknowledged on delivery: Nest's server never acks a handled request
 * itself (with manual acks the queue stalls after `prefetch` calls), and a request lost with a
 * crashing service is answered by the caller's timeout (504), which creates guard against with
 * Idempotency-Key. The server is Nest's, with every reply's promise handled and every consume
 * told to `readiness` (ReplySafeServerRMQ).
 */
export function rpcServerOptions(options: {
  amqpUrl: string;
  namespace: string;
  service: string;
  prefetch?: number;
  /** Told whether the server consumes its queue; the service's readiness asks it. */
  readiness?: RpcServerReadiness;
}): CustomStrategy {
  return {
    strategy: new ReplySafeServerRMQ(
      {
        urls: [options.amqpUrl],
        queue: rpcQueue(options.namespace, options.service),
        queueOptions: { durable: true },
        noAck: true,
        prefetchCount: options.prefetch ?? 50,
        persistent: false,
        socketOptions: {
          reconnectTimeInSeconds: BROKER_RECONNECT_SECONDS,
          heartbeatIntervalInSeconds: BROKER_HEARTBEAT_SECONDS,
        },
      },
      options.readiness,
    ),
  };
}
