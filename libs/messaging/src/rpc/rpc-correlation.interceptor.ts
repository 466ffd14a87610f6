import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { CorrelationContext, sanitizeCorrelationId } from '@envrefresh/observability';

/**
 * Reopens the caller's correlation on the service side of an RPC call, for the whole handler
 * (the handler runs on subscription, so the context wraps the subscription, not the call).
 */
@Injectable()
export class RpcCorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const data = context.switchToRpc().getData() as { correlationId?: unknown } | undefined;
    const correlationId = sanitizeCorrelationId(data?.correlationId) ?? CorrelationContext.correlationId();
    return new Observable((subscriber) =>
      CorrelationContext.run({ correlationId, causationId: null }, () => next.handle().subscribe(subscriber)),
    );
  }
}
