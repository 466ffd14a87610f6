import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { Observable, throwError } from 'rxjs';
import { RemoteProblem, isRemoteProblem } from '@envrefresh/contracts';
import { isDatabaseUnavailable, isRetryableTransactionFailure } from '@envrefresh/persistence';
import { RemoteTimeoutError, RemoteUnavailableError } from './remote-call.errors';

/** Turns what a service threw into a problem the gateway can relay; `null` leaves it unknown. */
export type ProblemMapper = (error: unknown) => RemoteProblem | null;

/**
 * What a service answers when something it depends on (its database, a service it asks) is not
 * there right now: the request was fine and may be sent again shortly, so 503, never 500.
 */
export const DEPENDENCY_UNAVAILABLE_PROBLEM: RemoteProblem = {
  status: 503,
  type: 'https://envrefresh.dev/problems/dependency-unavailable',
  title: 'Service Unavailable',
  detail: 'The service cannot reach its database or a service it depends on just now; try again shortly.',
};

/**
 * What a service answers when Postgres rolled its transaction back for colliding with another
 * (the fault harness saw conflicts' recomputation deadlock under the backlog after a broker
 * restart): nothing happened, so the same request may be sent again, with the same Idempotency-Key.
 */
export const TRY_AGAIN_PROBLEM: RemoteProblem = {
  status: 503,
  type: 'https://envrefresh.dev/problems/transaction-collided',
  title: 'Service Unavailable',
  detail: 'The request collided with another and was rolled back; send it again.',
};

export function isDependencyUnavailable(error: unknown): boolean {
  return (
    isDatabaseUnavailable(error) ||
    error instanceof RemoteUnavailableError ||
    error instanceof RemoteTimeoutError
  );
}

/**
 * Every RPC error leaves the service as an RFC 9457 problem; a dependency that is down is a 503
 * (logged as a warning); other unknown errors become a 500 without their internals, and are
 * logged here where the stack is.
 */
@Catch()
export class RpcProblemFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger(RpcProblemFilter.name);

  constructor(private readonly mapProblem: ProblemMapper = () => null) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    const candidate = exception instanceof RpcException ? exception.getError() : exception;
    const problem = isRemoteProblem(candidate) ? candidate : this.mapProblem(exception);
    if (problem) return throwError(() => problem);
    if (isRetryableTransactionFailure(exception)) {
      this.logger.warn(
        `answering 503, rolled back: ${exception instanceof Error ? exception.message : String(exception)}`,
      );
      return throwError(() => TRY_AGAIN_PROBLEM);
    }
    if (isDependencyUnavailable(exception)) {
      this.logger.warn(
        `answering 503: ${exception instanceof Error ? exception.message : String(exception)}`,
      );
      return throwError(() => DEPENDENCY_UNAVAILABLE_PROBLEM);
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return throwError((): RemoteProblem => ({
      status: 500,
      type: 'about:blank',
      title: 'Internal Server Error',
      detail: 'The service failed to handle the request; see its logs for the correlation id.',
    }));
  }
}
