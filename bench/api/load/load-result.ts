/** One HTTP request as a load phase sends it. */
export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Called once per request, so each may differ (a new window for every intent filed). */
export type RequestFactory = () => HttpRequest;

export interface LoadPhases {
  warmUpSeconds: number;
  durationSeconds: number;
}

export interface LoadResult {
  title: string;
  /** closed: each connection sends its next request when the answer came; paced: requests leave on a fixed schedule. */
  mode: 'closed' | 'paced' | 'autocannon-rate';
  connections: number;
  /** The offered rate, requests per second; null for a closed loop. */
  offeredRate: number | null;
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

export function perRequest(cpuSpent: Record<string, number>, answered: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(cpuSpent).map(([name, micros]) => [name, answered === 0 ? 0 : micros / answered]),
  );
}
