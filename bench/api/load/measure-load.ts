import autocannon from 'autocannon';
import { CpuTarget, startCpuMeter } from '../support/cpu-by-process';
import { LoadPhases, LoadResult, RequestFactory, perRequest } from './load-result';

export interface AutocannonLoadSpec {
  title: string;
  url: string;
  connections: number;
  /**
   * autocannon's overallRate. It is not a steady rate: every connection sends its share of the
   * second back to back when the second starts, so the server sees a burst of `connections`
   * requests each second. Omit for a closed loop (next request as soon as the answer came).
   */
  overallRate?: number;
  request: RequestFactory;
}

/**
 * A short run whose figures are thrown away (JIT, connection pools, caches), then the measured
 * one, with autocannon.
 */
export async function measureLoad(
  spec: AutocannonLoadSpec,
  phases: LoadPhases,
  cpuTargets: readonly CpuTarget[],
): Promise<LoadResult> {
  const first = spec.request();
  const options = {
    url: spec.url,
    connections: spec.connections,
    overallRate: spec.overallRate,
    timeout: 10,
    requests: [{ ...first, setupRequest: () => spec.request() }],
  };
  if (phases.warmUpSeconds > 0) await autocannon({ ...options, duration: phases.warmUpSeconds });
  const stopCpuMeter = startCpuMeter(cpuTargets);
  const result = await autocannon({ ...options, duration: phases.durationSeconds });
  const cpuSpent = stopCpuMeter();
  const non2xx = Object.fromEntries(
    Object.entries(result.statusCodeStats)
      .filter(([status]) => !status.startsWith('2'))
      .map(([status, { count }]) => [status, Number(count)]),
  );
  return {
    title: spec.title,
    mode: spec.overallRate === undefined ? 'closed' : 'autocannon-rate',
    connections: spec.connections,
    offeredRate: spec.overallRate ?? null,
    durationSeconds: result.duration,
    requestsPerSecond: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors,
    non2xx,
    cpuMicrosPerRequest: perRequest(cpuSpent, result['2xx'] + result.non2xx),
  };
}
