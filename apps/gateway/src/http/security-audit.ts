import type { LoggerService } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { recordSecurityEvent } from '@envrefresh/observability';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import type { ProblemDocument } from './problem';

/**
 * Every 401 and 403 the gateway answers is a security event: a refused login (no token, a bad
 * or expired one) or a refused action, whether the gateway's role check or a service's rule
 * (owner group, separation of duties) refused it. The route is named by its template and the
 * query string left out, because some routes take secrets there (a calendar feed's token).
 */
export function auditRefusal(logger: LoggerService, request: FastifyRequest, problem: ProblemDocument): void {
  if (problem.status !== 401 && problem.status !== 403) return;
  const actor = (request as unknown as AuthenticatedRequest).actor?.sub;
  const code = typeof problem.code === 'string' ? problem.code : undefined;
  recordSecurityEvent(logger, {
    action: problem.status === 401 ? 'auth.authenticate' : 'http.authorize',
    outcome: 'refused',
    ...(actor === undefined ? {} : { actor }),
    reason: typeof problem.detail === 'string' ? problem.detail : String(problem.title ?? problem.status),
    correlationId: String(request.id),
    details: {
      status: problem.status,
      method: request.method,
      route: request.routeOptions?.url ?? request.url.split('?')[0],
      ...(code === undefined ? {} : { code }),
    },
  });
}
