import autocannon from 'autocannon';
import type { RequestSpec } from 'autocannon';
import { CpuTarget, startCpuMeter } from '../support/cpu-by-process';

export interface LoadSpec {
  title: string;
  url: string;
  connections: number;
  /** Requests per second over all connections; omit to send as fast as answers come. */
  overallRate?: number;
  request: RequestSpec;
}

export interface LoadResult {
  title: string;
  connections: number;
  overallRate: number | null;
  durationSeconds: number;
  /** Answers with a 2xx status per second of the measured run. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Connection errors, timeouts included. */
  errors: number;
  /** Answers outside 2xx, by status. */
  non2xx: Record<string, number>;
  /** CPU each process spent per answered request during the measured run, in microseconds. */
  cpuMicrosPerRequest: Record<string, number>;
}

export interface LoadPhases {
  warmUpSeconds: number;
  durationSeconds: number;
}

/**
 * A short run whose figures are thrown away (JIT, connection pools, caches), then the measured
 * one. With a fixed rate autocannon corrects latencies for coordinated omission, so a stall shows
 * in p99 instead of silently lowering the rate.
 */
export async function measureLoad(
  spec: LoadSpec,
  phases: LoadPhases,
  cpuTargets: readonly CpuTarget[],
): Promise<LoadResult> {
  const options = {
    url: spec.url,
    connections: spec.connections,
    overallRate: spec.overallRate,
    timeout: 10,
    requests: [spec.request],
  };
  if (phases.warmUpSeconds > 0) await autocannon({ ...options, duration: phases.warmUpSeconds });
  const stopCpuMeter = startCpuMeter(cpuTargets);
  const result = await autocannon({ ...options, duration: phases.durationSeconds });
  const cpuSpent = stopCpuMeter();
  const answered = result['2xx'] + result.non2xx;
  const non2xx = Object.fromEntries(
    Object.entries(result.statusCodeStats)
      .filter(([status]) => !status.startsWith('2'))
      .map(([status, { count }]) => [status, Number(count)]),
  );
  return {
    title: spec.title,
    connections: spec.connections,
    overallRate: spec.overallRate ?? null,
    durationSeconds: result.duration,
    requestsPerSecond: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors,
    non2xx,
    cpuMicrosPerRequest: Object.fromEntries(
      Object.entries(cpuSpent).map(([name, micros]) => [name, answered === 0 ? 0 : micros / answered]),
    ),
  };
}
