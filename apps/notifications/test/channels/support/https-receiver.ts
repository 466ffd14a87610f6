import { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { AddressInfo, Socket } from 'node:net';
import { Certificate } from './self-signed-certificate';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers one request; the default is 200. */
export type Answer = (request: ReceivedRequest, response: ServerResponse) => void;

/** A real HTTPS server on 127.0.0.1 that records every request it is sent. */
export class HttpsReceiver {
  readonly received: ReceivedRequest[] = [];
  answer: Answer = (_request, response) => response.end('ok');
  private readonly sockets = new Set<Socket>();
  private readonly server;
  port = 0;

  constructor(certificate: Certificate) {
    this.server = createServer({ cert: certificate.cert, key: certificate.key }, (request, response) =>
      this.handle(request, response),
    );
    this.server.on('connection', (socket: Socket) => {
      this.connections++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** TCP connections accepted: a refused call must leave this unchanged. */
  connections = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(host: string, path = '/hook'): string {
    return `https://${host}:${this.port}${path}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.received.push(received);
      this.answer(received, response);
    });
  }
}
