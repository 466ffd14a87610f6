import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ViewsService } from '../application/views.service';
import { invalidationOfWrite } from '../domain/invalidation-of';

/** The API's prefix (configure-gateway.ts), cut off before the routes are matched against the write rules. */
const API_PREFIX = '/api/v1';
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Announce before answer (ADR 0031): every write that succeeded passes the views barrier before
 * its answer is sent, whichever controller handled it. A failed write (any answer but a 2xx)
 * invalidates nothing: nothing changed. An onSend hook rather than a Nest interceptor, so reads
 * pay nothing for it (an interceptor on every route made Nest run each request through rxjs).
 */
export function applyViewsBarrier(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const views = app.get(ViewsService);
  fastify.addHook('onSend', async (request, reply, payload) => {
    const invalidation = invalidationOfAnswer(request, reply, payload);
    if (invalidation) await views.written(invalidation);
    return payload;
  });
}

function invalidationOfAnswer(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (READS.has(request.method) || reply.statusCode < 200 || reply.statusCode >= 300) return undefined;
  const url = request.url.split('?')[0] ?? '';
  if (!url.startsWith(`${API_PREFIX}/`)) return undefined;
  const params = request.params as { id?: unknown } | undefined;
  const routeId = typeof params?.id === 'string' ? params.id : undefined;
  return invalidationOfWrite({ path: url.slice(API_PREFIX.length), routeId, body: answeredBody(payload) });
}

/** The JSON the write answered with, as the handler returned it (Fastify has serialized it by now). */
function answeredBody(payload: unknown): unknown {
  if (typeof payload !== 'string' || payload.length === 0) return undefined;
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return undefined;
  }
}
