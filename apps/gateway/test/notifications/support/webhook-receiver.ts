import { IncomingHttpHeaders, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo, Socket } from 'node:net';

/** One request as the receiver saw it. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  /** The parsed envelope, when the body was JSON. */
  json: { id?: string; type?: string; data?: Record<string, unknown> } | null;
}

/** How one path answers: a status (with headers), or `hang` to never answer. */
export type Answer = { status: number; headers?: Record<string, string>; delayMs?: number } | 'hang';

/**
 * A real HTTP peer on 127.0.0.1 (allowed through OUTBOUND_ALLOWED_HOSTS): each path answers from
 * its own script, the last answer repeating, and every request is kept for assertions.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly scripts = new Map<string, Answer[]>();
  private readonly sockets = new Set<Socket>();
  private readonly hanging = new Set<ServerResponse>();
  private readonly inFlight = new Map<string, number>();
  /** The most requests one path had open at once. */
  readonly mostInFlight = new Map<string, number>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    server.on('connection', (socket) => {
      receiver.sockets.add(socket);
      socket.on('close', () => receiver.sockets.delete(socket));
    });
    server.on('request', (request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        const json = parsed(body);
        receiver.received.push({ path, headers: request.headers, body, at: Date.now(), json });
        receiver.opened(path);
        response.on('close', () => receiver.inFlight.set(path, (receiver.inFlight.get(path) ?? 1) - 1));
        const answer = receiver.next(path);
        if (answer === 'hang') return void receiver.hanging.add(response);
        const respond = () => {
          response.writeHead(answer.status, { 'content-type': 'text/plain', ...(answer.headers ?? {}) });
          response.end('ok');
        };
        if (answer.delayMs) setTimeout(respond, answer.delayMs);
        else respond();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  /** `http://127.0.0.1:<port>/hooks/<name>`, answering `answers` in turn (the last one repeats). */
  url(name: string, ...answers: Answer[]): string {
    this.script(name, ...answers);
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/${name}`;
  }

  script(name: string, ...answers: Answer[]): void {
    this.scripts.set(`/hooks/${name}`, answers.length > 0 ? answers : [{ status: 200 }]);
  }

  /** Requests to one path, in arrival order. */
  at(name: string): Received[] {
    return this.received.filter((request) => request.path === `/hooks/${name}`);
  }

  get openHangs(): number {
    return [...this.hanging].filter((response) => !response.writableEnded && !response.destroyed).length;
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private opened(path: string): void {
    const open = (this.inFlight.get(path) ?? 0) + 1;
    this.inFlight.set(path, open);
    this.mostInFlight.set(path, Math.max(open, this.mostInFlight.get(path) ?? 0));
  }

  private next(path: string): Answer {
    const script = this.scripts.get(path) ?? [{ status: 404 }];
    return script.length > 1 ? (script.shift() as Answer) : script[0];
  }
}

function parsed(body: string): Received['json'] {
  try {
    return JSON.parse(body) as Received['json'];
  } catch {
    return null;
  }
}
