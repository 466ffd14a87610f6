import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RemoteProblemError, RemoteTimeoutError, RemoteUnavailableError } from '@envrefresh/messaging';
import { isOperationalPath } from '@envrefresh/observability';
import { PROBLEM_CONTENT_TYPE, ProblemDocument, problem } from './problem';
import { ProblemException } from './problem-exception';
import { RateLimitExceededError } from './request-limits';
import { auditRefusal } from './security-audit';
import { RequestValidationException } from './validation-errors';

/**
 * Every error leaves the gateway as RFC 9457 problem+json: validation with `errors[]`, a
 * service's own problem as it sent it, a silent service as 504, an unreachable one as 503, and
 * anything unexpected as a 500 that reveals nothing but the request id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);
  private readonly securityLogger = new Logger('Security');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof HttpException && isOperationalPath(request.url)) {
      // Probes keep Terminus' own body, which names the dependency that is down.
      void reply.status(exception.getStatus()).send(exception.getResponse());
      return;
    }
    const body = { ...this.toProblem(exception, request), instance: request.url };
    auditRefusal(this.securityLogger, request, body);
    // RFC 6750: a 401 names the scheme the client should use.
    if (body.status === 401) void reply.header('www-authenticate', 'Bearer realm="envrefresh"');
    // A service's "not now" (a 503 with retryAfterSeconds) reaches HTTP clients as Retry-After too.
    const { retryAfterSeconds } = body as { retryAfterSeconds?: unknown };
    if (typeof retryAfterSeconds === 'number' && Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0)
      void reply.header('retry-after', String(Math.ceil(retryAfterSeconds)));
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }

  private toProblem(exception: unknown, request: FastifyRequest): ProblemDocument {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof RateLimitExceededError) {
      return problem(429, exception.message, {
        type: 'https://envrefresh.dev/problems/rate-limited',
        retryAfterSeconds: exception.retryAfterSeconds,
      });
    }
    if (exception instanceof RequestValidationException) {
      return problem(400, 'The request is invalid; see errors', {
        type: 'https://envrefresh.dev/problems/validation',
        title: 'Invalid request',
        errors: exception.fieldErrors,
      });
    }
    if (exception instanceof RemoteProblemError) {
      const { status, ...rest } = exception.problem;
      if (status >= 500) this.logger.error(exception.message);
      return { ...rest, status };
    }
    if (exception instanceof RemoteTimeoutError) {
      this.logger.warn(exception.message);
      return problem(
        504,
        `${exception.service} did not answer in time; the request may still take effect, check before retrying`,
      );
    }
    if (exception instanceof RemoteUnavailableError) {
      this.logger.warn(exception.message);
      return problem(503, `${exception.service} is unavailable; try again shortly`);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const detail =
        typeof response === 'string' ? response : (response as { message?: string | string[] }).message;
      return problem(status, Array.isArray(detail) ? detail.join('; ') : detail);
    }
    const fastifyError = exception as { statusCode?: number; message?: string; code?: string };
    if (
      typeof fastifyError.statusCode === 'number' &&
      fastifyError.statusCode >= 400 &&
      fastifyError.statusCode < 500
    ) {
      return problem(fastifyError.statusCode, fastifyError.message);
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return problem(500, `Something went wrong on our side; quote request id ${String(request.id)}`);
  }
}
