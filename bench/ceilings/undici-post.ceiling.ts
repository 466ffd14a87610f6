import { Agent, request } from 'undici';
import { LatencySummary, nowMs, summarizeLatencies } from '../support/latency';

export interface HttpPostCeiling {
  concurrency: number;
  bodyBytes: number;
  requests: number;
  perSecond: number;
  latency: LatencySummary;
}

/** Thrown away before the measured run: connections opened, code paths warm. */
const WARM_UP_MS = 500;

/**
 * The receiver's ceiling for what a delivery is on the wire: `concurrency` loops, each a bare
 * undici `request` POST of a `bodyBytes` JSON body answered in full before the next, for
 * `seconds`. No SSRF check, signature, database or broker: what one client process can push.
 */
export async function measureHttpPostCeiling(
  url: string,
  concurrency: number,
  bodyBytes: number,
  seconds: number,
): Promise<HttpPostCeiling> {
  const dispatcher = new Agent();
  // Shaped like an event envelope as far as the receiver looks (it reads `occurredAt`), padded to size.
  const occurredAt = new Date().toISOString();
  const skeleton = JSON.stringify({ occurredAt, padding: '' });
  const body = JSON.stringify({ occurredAt, padding: 'x'.repeat(Math.max(0, bodyBytes - skeleton.length)) });
  const headers = { 'content-type': 'application/json', 'webhook-id': '' };
  let sequence = 0;
  const run = async (untilMs: number, latencies: number[] | null) => {
    const loop = async () => {
      while (nowMs() < untilMs) {
        sequence += 1;
        const started = nowMs();
        const response = await request(url, {
          method: 'POST',
          dispatcher,
          body,
          headers: { ...headers, 'webhook-id': `ceiling-${sequence}` },
        });
        await response.body.dump();
        if (response.statusCode >= 300) throw new Error(`the receiver answered ${response.statusCode}`);
        latencies?.push(nowMs() - started);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, loop));
  };
  try {
    await run(nowMs() + WARM_UP_MS, null);
    const latencies: number[] = [];
    const started = nowMs();
    await run(started + seconds * 1000, latencies);
    const elapsedMs = nowMs() - started;
    return {
      concurrency,
      bodyBytes: Buffer.byteLength(body),
      requests: latencies.length,
      perSecond: (latencies.length * 1000) / elapsedMs,
      latency: summarizeLatencies(latencies),
    };
  } finally {
    await dispatcher.close();
  }
}
