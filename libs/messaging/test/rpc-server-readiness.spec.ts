import * as amqp from 'amqplib';
import { createTestNamespace, eventually, startTcpProxy, TcpProxy, testAmqpUrl } from '@envrefresh/testing';
import { ReplySafeServerRMQ, RpcClient, RpcServerReadiness, rpcQueue, rpcServerOptions } from '../src';

/**
 * Readiness followed the events connection only, while the RPC server consumes on a connection of
 * its own: after a broker cut the harness saw every process ready while requests still waited in
 * an RPC queue nobody consumed (504s after "ready"). The server now tells its readiness whether it
 * consumes, and comes back by itself when its channel is closed or its consumer cancelled.
 */
describe('an RPC server’s readiness', () => {
  const namespace = createTestNamespace();
  const service = 'spec';
  let proxy: TcpProxy;
  let server: ReplySafeServerRMQ;
  let readiness: RpcServerReadiness;
  let client: RpcClient;
  let admin: amqp.ChannelModel;

  beforeAll(async () => {
    const broker = new URL(testAmqpUrl());
    proxy = await startTcpProxy(broker.hostname, Number(broker.port || 5672));
    readiness = new RpcServerReadiness();
    server = rpcServerOptions({ amqpUrl: proxy.url(testAmqpUrl()), namespace, service, readiness })
      .strategy as ReplySafeServerRMQ;
    server.addHandler('spec.ping', async () => 'pong', false);
    await expect(readiness.check()).rejects.toThrow(/has not started consuming/);
    await new Promise<void>((resolve, reject) =>
      server.listen((error?: unknown) => (error ? reject(error as Error) : resolve())),
    );
    client = new RpcClient({ amqpUrl: testAmqpUrl(), namespace, service, timeoutMs: 5_000 });
    admin = await amqp.connect(testAmqpUrl());
  }, 30_000);

  afterAll(async () => {
    await server?.close();
    await client?.close();
    const channel = await admin?.createChannel();
    await channel?.deleteQueue(rpcQueue(namespace, service)).catch(() => undefined);
    await admin?.close();
    await proxy?.close();
  }, 30_000);

  const ping = () => client.send<string>('spec.ping', {});

  it('is ready once the server consumes, and serves', async () => {
    await eventually(() => expect(readiness.isConsuming()).toBe(true));
    await expect(readiness.check()).resolves.toBeUndefined();
    await expect(ping()).resolves.toBe('pong');
  });

  it('is not ready while the broker is cut off, and ready again (and serving) once it is back', async () => {
    proxy.sever();
    await eventually(async () => expect(readiness.check()).rejects.toThrow(/not consuming its queue/), {
      timeoutMs: 10_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(readiness.isConsuming()).toBe(false);
    proxy.restore();
    await eventually(() => expect(readiness.isConsuming()).toBe(true), { timeoutMs: 20_000 });
    await expect(ping()).resolves.toBe('pong');
  }, 40_000);

  it('is not ready when the broker cancels its consumer, and consumes again by itself', async () => {
    const seen: boolean[] = [];
    const watch = setInterval(() => seen.push(readiness.isConsuming()), 20);
    try {
      const channel = await admin.createChannel();
      // Deleting the queue cancels its consumer; the connection stays up.
      await channel.deleteQueue(rpcQueue(namespace, service));
      await channel.close();
      await eventually(() => expect(seen).toContain(false), { timeoutMs: 5_000 });
      await eventually(() => expect(readiness.isConsuming()).toBe(true), { timeoutMs: 20_000 });
    } finally {
      clearInterval(watch);
    }
    // The queue is declared again on the reconnect, and requests are served.
    await expect(ping()).resolves.toBe('pong');
  }, 40_000);
});
