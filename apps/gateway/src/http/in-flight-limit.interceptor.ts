import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Observable, finalize } from 'rxjs';
import { AuthenticatedRequest } from '../auth/auth.guard';
import { ProblemException } from './problem-exception';

/** How soon a refused caller may try again: one of their requests is likely done by then. */
const RETRY_AFTER_SECONDS = 1;

/**
 * A share of the gateway per user: at most MAX_IN_FLIGHT_PER_USER of one caller's requests are
 * being handled at once (from the verified token's `sub`); another is 429 with Retry-After. The
 * rate limit counts requests a minute, which lets one user start a burst of expensive ones
 * together and make everyone else wait behind them; this does not. A slot is held until the
 * handler is done, not until the client hangs up, so dropping connections frees nothing early.
 * Counted per gateway process (each replica gives the same share).
 */
@Injectable()
export class InFlightLimitInterceptor implements NestInterceptor {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly limit: number) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // Probes and metrics carry no actor; every API route has one once its guard has run.
    const sub = context.switchToHttp().getRequest<AuthenticatedRequest>().actor?.sub;
    if (sub === undefined) return next.handle();
    const held = this.inFlight.get(sub) ?? 0;
    if (held >= this.limit) {
      void context
        .switchToHttp()
        .getResponse<FastifyReply>()
        .header('retry-after', String(RETRY_AFTER_SECONDS));
      throw new ProblemException(
        429,
        `You already have ${this.limit} requests in progress; retry in ${RETRY_AFTER_SECONDS} s, once one of them is answered`,
        {
          type: 'https://envrefresh.dev/problems/too-many-in-flight',
          retryAfterSeconds: RETRY_AFTER_SECONDS,
        },
      );
    }
    this.inFlight.set(sub, held + 1);
    return next.handle().pipe(finalize(() => this.release(sub)));
  }

  private release(sub: string): void {
    const held = (this.inFlight.get(sub) ?? 1) - 1;
    if (held <= 0) this.inFlight.delete(sub);
    else this.inFlight.set(sub, held);
  }
}
