import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { nowMs } from '../support/latency';

/** One delivery as it arrived: the first time its `webhook-id` was seen. */
export interface Arrival {
  webhookId: string;
  /** The request path, `/<phase>/<subscription index>`: which subscription it was sent for. */
  path: string;
  arrivedAtMs: number;
  /** The event envelope's `occurredAt`: when the owning service says the event happened. */
  occurredAtMs: number;
  bodyBytes: number;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Every first arrival so far, in arrival order. */
  arrivals(): readonly Arrival[];
  /** Requests that repeated a `webhook-id` already seen (a retry after a lost answer, a lease taken over). */
  repeats(): number;
  /** Resolves true once `count` deliveries of `phase` (the path's first segment) arrived, false after `timeoutMs`. */
  waitFor(phase: string, count: number, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * A local webhook endpoint on 127.0.0.1 (plain http: the service is told to allow it). It answers
 * 204 at once, or, when `hang` is set, reads the request and never answers, like a receiver that
 * stopped responding: only the service's delivery timeout ends such a call.
 */
export async function startWebhookReceiver(options: { hang: boolean }): Promise<WebhookReceiver> {
  const seen = new Set<string>();
  const arrivals: Arrival[] = [];
  let repeats = 0;
  const countByPhase = new Map<string, number>();
  const phaseOf = (path: string) => path.split('/')[1] ?? '';
  const waiters = new Set<() => void>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const arrivedAtMs = nowMs();
      const webhookId = String(request.headers['webhook-id'] ?? '');
      const body = Buffer.concat(chunks);
      if (seen.has(webhookId)) repeats += 1;
      else {
        seen.add(webhookId);
        const event = JSON.parse(body.toString('utf8')) as { occurredAt: string };
        arrivals.push({
          webhookId,
          path: request.url ?? '',
          arrivedAtMs,
          occurredAtMs: Date.parse(event.occurredAt),
          bodyBytes: body.length,
        });
        const phase = phaseOf(request.url ?? '');
        countByPhase.set(phase, (countByPhase.get(phase) ?? 0) + 1);
        waiters.forEach((wake) => wake());
      }
      if (!options.hang) response.writeHead(204).end();
    });
  });
  // Idle keep-alive sockets must not hold the bench open after the run.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals: () => arrivals,
    repeats: () => repeats,
    waitFor(phase, count, timeoutMs) {
      const met = () => (countByPhase.get(phase) ?? 0) >= count;
      if (met()) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (reached: boolean) => {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(reached);
        };
        const check = () => met() && done(true);
        const timer = setTimeout(() => done(false), timeoutMs);
        waiters.add(check);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
