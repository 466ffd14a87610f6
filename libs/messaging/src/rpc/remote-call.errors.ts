import type { RemoteProblem } from '@envrefresh/contracts';

/** The service answered with an RFC 9457 problem (validation, not found, conflict…). */
export class RemoteProblemError extends Error {
  constructor(
    readonly service: string,
    readonly problem: RemoteProblem,
  ) {
    super(`${service}: ${problem.title}${problem.detail ? ` — ${problem.detail}` : ''}`);
    this.name = 'RemoteProblemError';
  }
}

/** No answer in time: the service may be slow, down, or still processing. */
export class RemoteTimeoutError extends Error {
  constructor(
    readonly service: string,
    readonly timeoutMs: number,
  ) {
    super(`${service} did not answer within ${timeoutMs} ms`);
    this.name = 'RemoteTimeoutError';
  }
}

/** The circuit is open, or the broker is unreachable: fail fast rather than pile up requests. */
export class RemoteUnavailableError extends Error {
  constructor(
    readonly service: string,
    reason: string,
  ) {
    super(`${service} is unavailable: ${reason}`);
    this.name = 'RemoteUnavailableError';
  }
}
