import { readFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse, createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';

export const TEST_CERTIFICATE = readFileSync(join(__dirname, '../fixtures/test-server.crt'));
const TEST_KEY = readFileSync(join(__dirname, '../fixtures/test-server.key'));

export interface LoopbackServer {
  port: number;
  /** TCP connections the server accepted: a refused call must leave this at zero. */
  connections: number;
  /** Server-side sockets, to see the client hang up. */
  sockets: Socket[];
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP or HTTPS server on a loopback address (the only addresses tests may reach). */
export async function startLoopbackServer(
  handler: Handler,
  options: { tls?: boolean; host?: '127.0.0.1' | '::1' } = {},
): Promise<LoopbackServer> {
  const server = options.tls
    ? createHttpsServer({ cert: TEST_CERTIFICATE, key: TEST_KEY }, handler)
    : createHttpServer(handler);
  const sockets: Socket[] = [];
  server.on('connection', (socket: Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return sockets.length;
    },
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
