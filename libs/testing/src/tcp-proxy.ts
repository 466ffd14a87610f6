import * as net from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** The same URL with its host and port pointing at the proxy. */
  url(originalUrl: string): string;
  /** Resets every live connection and refuses new ones until `restore()`: a network cut. */
  sever(): void;
  restore(): void;
  /** Connections currently relayed, to see that a client came back after `restore()`. */
  activeConnections(): number;
  close(): Promise<void>;
}

/**
 * A loopback TCP relay in front of a shared service, so a spec can cut one client's connection
 * without restarting the broker or database that other specs are using.
 */
export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<[net.Socket, net.Socket]>();
  let severed = false;

  const cut = (socket: net.Socket): void => {
    // A reset on a socket that is already closing reports an error nobody needs to hear.
    socket.on('error', () => undefined);
    if (!socket.destroyed) socket.resetAndDestroy();
  };

  const server = net.createServer((client) => {
    if (severed) return cut(client);
    const upstream = net.connect(targetPort, targetHost);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const teardown = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of pair) {
      socket.on('error', teardown);
      socket.on('close', teardown);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;

  return {
    port,
    url(originalUrl) {
      const url = new URL(originalUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    sever() {
      severed = true;
      for (const pair of [...pairs]) pair.forEach(cut);
      pairs.clear();
    },
    restore() {
      severed = false;
    },
    activeConnections: () => pairs.size,
    close() {
      severed = true;
      for (const pair of [...pairs]) pair.forEach(cut);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
