import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException } from './problem-exception';

/** How soon a refused caller may try again: one of their requests is likely done by then. */
const RETRY_AFTER_SECONDS = 1;

/** The caller a request holds a slot for, once admitted. */
const HOLDER = Symbol('in-flight holder');
type AdmittedRequest = FastifyRequest & { [HOLDER]?: string };

/**
 * A share of the gateway per user: at most MAX_IN_FLIGHT_PER_USER of one caller's requests are
 * being handled at once (from the verified token's `sub`); another is 429 with Retry-After. The
 * rate limit counts requests a minute, which lets one user start a burst of expensive ones
 * together and make everyone else wait behind them; this does not. A slot is held until the
 * answer is sent (the handler and the views barrier are done), not until the client hangs up, so
 * dropping connections frees nothing early. Counted per gateway process (each replica gives the
 * same share).
 */
export class InFlightLimit {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Takes a slot for `sub`, once per request, or throws the 429 when they hold them all. */
  admit(sub: string, request: FastifyRequest, reply: FastifyReply): void {
    const admitted = request as AdmittedRequest;
    if (admitted[HOLDER] !== undefined) return;
    const held = this.inFlight.get(sub) ?? 0;
    if (held >= this.limit) {
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
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
    admitted[HOLDER] = sub;
  }

  /** Gives the request's slot back; a request that holds none, or gave it back already, is a no-op. */
  release(request: FastifyRequest): void {
    const admitted = request as AdmittedRequest;
    const sub = admitted[HOLDER];
    if (sub === undefined) return;
    admitted[HOLDER] = undefined;
    const held = (this.inFlight.get(sub) ?? 1) - 1;
    if (held <= 0) this.inFlight.delete(sub);
    else this.inFlight.set(sub, held);
  }
}

/**
 * Slots are given back as the answer is sent (onSend, after every onSend hook registered before
 * this one, the views barrier among them) and, should an onSend hook fail, once the response is
 * done (onResponse). A Fastify hook rather than a Nest interceptor: an interceptor on every route
 * made Nest run each request through rxjs, a third of a read served from the views.
 */
export function applyInFlightLimit(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const limit = app.get(InFlightLimit);
  fastify.addHook('onSend', (request, _reply, payload, done) => {
    limit.release(request);
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, _reply, done) => {
    limit.release(request);
    done();
  });
}
