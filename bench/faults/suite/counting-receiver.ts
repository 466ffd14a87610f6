import * as http from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { AcceptedWebhook } from '../invariants/facts';

/** `ok` answers 204; `fail` answers 500 (a receiver in trouble); `hang` reads the request and never answers. */
export type ReceiverMode = 'ok' | 'fail' | 'hang';

export interface CountingReceiver {
  url: string;
  mode: ReceiverMode;
  /** The phase name each acceptance is stamped with. */
  phase: string;
  /** Every 2xx answer it gave, by `webhook-id`, in order. */
  accepted(): readonly AcceptedWebhook[];
  /** Requests it refused or left hanging. */
  refused(): number;
  close(): Promise<void>;
}

/**
 * The webhook endpoint every subscription of the load points at (plain http on 127.0.0.1; the
 * notifications service is told to allow it). It counts what it accepted by `webhook-id`, the
 * delivery's id, which is what a Standard Webhooks receiver dedupes on.
 */
export async function startCountingReceiver(): Promise<CountingReceiver> {
  const accepted: AcceptedWebhook[] = [];
  const hanging = new Set<Socket>();
  let refused = 0;
  const state = { mode: 'ok' as ReceiverMode, phase: 'setup' };
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (state.mode === 'hang') {
        refused += 1;
        hanging.add(request.socket);
        request.socket.once('close', () => hanging.delete(request.socket));
        return;
      }
      if (state.mode === 'fail') {
        refused += 1;
        response.writeHead(500, { 'content-type': 'text/plain' }).end('receiver failing on purpose');
        return;
      }
      accepted.push({
        webhookId: String(request.headers['webhook-id'] ?? ''),
        phase: state.phase,
        atMs: Date.now(),
      });
      response.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return state.mode;
    },
    set mode(mode: ReceiverMode) {
      state.mode = mode;
      // A receiver that comes back drops what it left hanging, as a restarted one would.
      if (mode !== 'hang') for (const socket of hanging) socket.destroy();
    },
    get phase() {
      return state.phase;
    },
    set phase(phase: string) {
      state.phase = phase;
    },
    accepted: () => accepted,
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
