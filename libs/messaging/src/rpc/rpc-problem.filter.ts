import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { Observable, throwError } from 'rxjs';
import { RemoteProblem, isRemoteProblem } from '@envrefresh/contracts';

/** Turns what a service threw into a problem the gateway can relay; `null` leaves it unknown. */
export type ProblemMapper = (error: unknown) => RemoteProblem | null;

/**
 * Every RPC error leaves the service as an RFC 9457 problem; unknown errors become a 500 without
 * their internals, and are logged here where the stack is.
 */
@Catch()
export class RpcProblemFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger(RpcProblemFilter.name);

  constructor(private readonly mapProblem: ProblemMapper = () => null) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    const candidate = exception instanceof RpcException ? exception.getError() : exception;
    const problem = isRemoteProblem(candidate) ? candidate : this.mapProblem(exception);
    if (problem) return throwError(() => problem);
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
