import * as net from 'node:net';
import { startTcpProxy, TcpProxy } from '@envrefresh/testing';

/** Resolves with what the server echoed, or rejects when the connection is cut or refused. */
function echoThrough(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error('timed out')));
    socket.on('connect', () => socket.write(text));
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (received.length >= text.length) {
        socket.end();
        resolve(received);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`closed after receiving "${received}"`)));
  });
}

describe('TCP proxy', () => {
  let echo: net.Server;
  let proxy: TcpProxy;
  const held: net.Socket[] = [];

  beforeAll(async () => {
    echo = net.createServer((socket) => {
      held.push(socket);
      socket.on('error', () => undefined);
      socket.pipe(socket);
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    proxy = await startTcpProxy('127.0.0.1', (echo.address() as net.AddressInfo).port);
  });

  afterAll(async () => {
    await proxy.close();
    held.forEach((socket) => socket.destroy());
    await new Promise((resolve) => echo.close(resolve));
  });

  it('relays traffic, cuts live connections and refuses new ones when severed, and relays again when restored', async () => {
    expect(await echoThrough(proxy.port, 'hello')).toBe('hello');

    const live = net.connect(proxy.port, '127.0.0.1');
    const liveClosed = new Promise<void>((resolve) => live.on('close', () => resolve()));
    live.on('error', () => undefined);
    await new Promise((resolve) => live.on('connect', resolve));
    await new Promise<void>((resolve) => live.write('ping', () => resolve()));
    await new Promise((resolve) => live.once('data', resolve));
    expect(proxy.activeConnections()).toBe(1);

    proxy.sever();
    await liveClosed;
    expect(proxy.activeConnections()).toBe(0);
    await expect(echoThrough(proxy.port, 'refused')).rejects.toThrow();

    proxy.restore();
    expect(await echoThrough(proxy.port, 'back again')).toBe('back again');
  });

  it('rewrites a service URL to point at the proxy, keeping credentials and path', () => {
    expect(proxy.url('amqp://guest:guest@10.1.2.3:5672/vhost?heartbeat=5')).toBe(
      `amqp://guest:guest@127.0.0.1:${proxy.port}/vhost?heartbeat=5`,
    );
    expect(proxy.url('postgres://postgres@localhost:5432/envrefresh')).toBe(
      `postgres://postgres@127.0.0.1:${proxy.port}/envrefresh`,
    );
  });
});
