import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { isOperationalPath } from '@envrefresh/config';

/**
 * One line per answered request, written from Fastify's onResponse hook with the app's logger
 * itself: no child logger per request and no middleware layer in front of the routes (those cost
 * the gateway more than half of a read served from its views). Warn for 4xx, error for 5xx;
 * probes and scrapes are not logged. The correlation id is the request's own, so a request
 * Fastify rejected before routing (a malformed body) is joined to its answer too.
 *
 * The fields are chosen, not every header: what an operator asks of an access line is who asked
 * for what and how it went, and a header dump carries credentials to scrub, addresses of third
 * parties (forwarding headers) and a walk of a dozen fields on every request.
 */
export function writeAccessLine(logger: Logger, request: FastifyRequest, reply: FastifyReply): void {
  const status = reply.statusCode;
  const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
  if (!logger.isLevelEnabled(level) || isOperationalPath(request.url)) return;
  const line = {
    req: {
      id: request.id,
      method: request.method,
      url: request.url,
      route: request.routeOptions.url,
      remoteAddress: request.ip,
      userAgent: request.headers['user-agent'],
    },
    res: { statusCode: status, contentLength: numberOrUndefined(reply.getHeader('content-length')) },
    responseTime: Math.round(reply.elapsedTime * 10) / 10,
    correlationId: String(request.id),
  };
  if (level === 'error')
    logger.error({ ...line, err: { message: `failed with status code ${status}` } }, 'request errored');
  else logger[level](line, 'request completed');
}

function numberOrUndefined(header: unknown): number | undefined {
  const value = Number(header);
  return header === undefined || !Number.isFinite(value) ? undefined : value;
}
