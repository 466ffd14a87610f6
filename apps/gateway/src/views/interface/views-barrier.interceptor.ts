import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable, mergeMap } from 'rxjs';
import { ViewsService } from '../application/views.service';
import { invalidationOfWrite } from '../domain/invalidation-of';

/** The API's prefix (configure-gateway.ts), cut off before the routes are matched against the write rules. */
const API_PREFIX = '/api/v1';

/**
 * Announce before answer (ADR 0031): every write that succeeded passes the views barrier before
 * its answer is sent, whichever controller handled it. A failed write throws past this and
 * invalidates nothing: nothing changed.
 */
@Injectable()
export class ViewsBarrierInterceptor implements NestInterceptor {
  constructor(private readonly views: ViewsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS')
      return next.handle();
    const url = request.url.split('?')[0] ?? '';
    if (!url.startsWith(`${API_PREFIX}/`)) return next.handle();
    const params = request.params as { id?: unknown } | undefined;
    const routeId = typeof params?.id === 'string' ? params.id : undefined;
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const invalidation = invalidationOfWrite({ path: url.slice(API_PREFIX.length), routeId, body });
        if (invalidation) await this.views.written(invalidation);
        return body;
      }),
    );
  }
}
