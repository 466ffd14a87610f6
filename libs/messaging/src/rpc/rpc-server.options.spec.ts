import { BROKER_RECONNECT_SECONDS } from '../connection/amqp-connection';
import { ReplySafeServerRMQ } from './reply-safe-server-rmq';
import { rpcServerOptions } from './rpc-server.options';

describe('rpcServerOptions', () => {
  it('serves replies that cannot crash the process, reconnecting as soon as the events connection does', () => {
    const { strategy } = rpcServerOptions({
      amqpUrl: 'amqp://127.0.0.1:1',
      namespace: 'spec',
      service: 'intents',
    });
    expect(strategy).toBeInstanceOf(ReplySafeServerRMQ);
    const options = (
      strategy as unknown as { options: { queue: string; socketOptions: { reconnectTimeInSeconds: number } } }
    ).options;
    expect(options.queue).toBe('spec.intents.rpc');
    expect(options.socketOptions.reconnectTimeInSeconds).toBe(BROKER_RECONNECT_SECONDS);
  });
});
