import { LoadPhases, LoadResult, RequestFactory } from './load/load-result';
import { measureLoad } from './load/measure-load';
import { CpuTarget } from './support/cpu-by-process';

/**
 * Issue 15's aim for the pipeline gate: `GET /freeze` at 50 connections answers at least
 * 2,000 req/s with p99 ≤ 25 ms. An absolute rate, unlike the GET's ratios: a pipeline fleet
 * asks this many times whatever machine the gateway runs on.
 */
export const FREEZE_TARGETS = {
  requestsPerSecond: 2_000,
  p99Ms: 25,
};

/**
 * What a CI/CD pipeline asks before deploying: may this environment change now? No `at`, so
 * every answer is judged at its own instant (the answer's `at` differs each time, so an ETag
 * would not help; the load measures the full read). Same caller and token throughout, as a
 * pipeline's are.
 */
export function freezeRequests(environmentId: string, token: string): RequestFactory {
  const request = {
    method: 'GET',
    path: `/api/v1/freeze?environmentId=${encodeURIComponent(environmentId)}`,
    headers: { authorization: `Bearer ${token}` },
  };
  return () => request;
}

/** The GET /freeze phase: autocannon, closed loop of `connections`, like the GET /intents/{id} phase. */
export function measureFreezeLoad(
  spec: { gatewayUrl: string; connections: number; environmentId: string; token: string },
  phases: LoadPhases,
  cpuTargets: readonly CpuTarget[],
): Promise<LoadResult> {
  return measureLoad(
    {
      title: 'freeze',
      url: spec.gatewayUrl,
      connections: spec.connections,
      request: freezeRequests(spec.environmentId, spec.token),
    },
    phases,
    cpuTargets,
  );
}

/** The freeze phase against the same run's ceilings: ÷ bare Fastify and ÷ the floor, like the GET. */
export function freezeRatios(result: { bare: LoadResult; floor: LoadResult; freeze: LoadResult }) {
  return {
    toBare: result.freeze.requestsPerSecond / result.bare.requestsPerSecond,
    toFloor: result.freeze.requestsPerSecond / result.floor.requestsPerSecond,
  };
}
