import * as http from 'node:http';
import { summarizeLatencies } from '../../support/latency';
import { CpuTarget, startCpuMeter } from '../support/cpu-by-process';
import { LoadPhases, LoadResult, RequestFactory, perRequest } from './load-result';

export interface PacedLoadSpec {
  title: string;
  url: string;
  /** Requests per second, one every 1000 ÷ rate ms. */
  rate: number;
  /** Keep-alive connections at most; a request that finds them all busy waits, and that wait counts. */
  connections: number;
  request: RequestFactory;
}

interface PacedRun {
  latenciesMs: number[];
  statuses: Record<string, number>;
  errors: number;
  elapsedMs: number;
}

/**
 * An open loop: requests leave on a fixed schedule whatever the answers do, and each latency is
 * counted from the moment its request was due, so a stall shows in the percentiles instead of
 * silently lowering the rate (no coordinated omission).
 */
export async function measurePacedLoad(
  spec: PacedLoadSpec,
  phases: LoadPhases,
  cpuTargets: readonly CpuTarget[],
): Promise<LoadResult> {
  if (phases.warmUpSeconds > 0) await runPaced(spec, phases.warmUpSeconds);
  const stopCpuMeter = startCpuMeter(cpuTargets);
  const run = await runPaced(spec, phases.durationSeconds);
  const cpuSpent = stopCpuMeter();
  const ok = Object.entries(run.statuses)
    .filter(([status]) => status.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0);
  const answered = Object.values(run.statuses).reduce((sum, count) => sum + count, 0);
  const latency = summarizeLatencies(run.latenciesMs);
  return {
    title: spec.title,
    mode: 'paced',
    connections: spec.connections,
    offeredRate: spec.rate,
    durationSeconds: run.elapsedMs / 1000,
    requestsPerSecond: ok / (run.elapsedMs / 1000),
    p50Ms: latency.p50Ms,
    p99Ms: latency.p99Ms,
    maxMs: latency.maxMs,
    errors: run.errors,
    non2xx: Object.fromEntries(Object.entries(run.statuses).filter(([status]) => !status.startsWith('2'))),
    cpuMicrosPerRequest: perRequest(cpuSpent, answered),
  };
}

function runPaced(spec: PacedLoadSpec, seconds: number): Promise<PacedRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const total = Math.round(spec.rate * seconds);
  const intervalMs = 1000 / spec.rate;
  const run: PacedRun = { latenciesMs: [], statuses: {}, errors: 0, elapsedMs: 0 };
  const start = performance.now();
  let sent = 0;
  let settled = 0;
  return new Promise((resolve) => {
    const settle = () => {
      settled += 1;
      if (settled < total) return;
      run.elapsedMs = performance.now() - start;
      agent.destroy();
      resolve(run);
    };
    const send = (dueAt: number) => {
      const { method, path, headers, body } = spec.request();
      let counted = false;
      const count = (outcome: () => void) => {
        if (counted) return;
        counted = true;
        outcome();
        settle();
      };
      const request = http.request(
        new URL(path, spec.url),
        {
          method,
          agent,
          timeout: 10_000,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          response.once('end', () =>
            count(() => {
              const status = String(response.statusCode);
              run.statuses[status] = (run.statuses[status] ?? 0) + 1;
              run.latenciesMs.push(performance.now() - dueAt);
            }),
          );
        },
      );
      request.once('timeout', () => request.destroy(new Error('timed out')));
      request.once('error', () => count(() => (run.errors += 1)));
      request.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * intervalMs <= now) {
        send(start + sent * intervalMs);
        sent += 1;
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * intervalMs - performance.now()));
    };
    tick();
  });
}
