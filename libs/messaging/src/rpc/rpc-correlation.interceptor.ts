import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { RmqContext } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { CorrelationContext, sanitizeCorrelationId } from '@envrefresh/observability';
import {
  SpanKind,
  contextFromHeaders,
  failSpan,
  isTraced,
  startSpan,
  withContext,
} from '@envrefresh/tracing';

/**
 * Reopens the caller's correlation on the service side of an RPC call, for the whole handler
 * (the handler runs on subscription, so the context wraps the subscription, not the call), and
 * its trace: the handler is a server span, child of the caller's span named in the request's
 * W3C headers, so what it writes (outbox rows included) continues the caller's trace.
 */
@Injectable()
export class RpcCorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const rpc = context.switchToRpc();
    const data = rpc.getData() as { correlationId?: unknown } | undefined;
    const correlationId = sanitizeCorrelationId(data?.correlationId) ?? CorrelationContext.correlationId();
    const request = rpc.getContext<RmqContext>();
    const pattern = request.getPattern();
    const caller = contextFromHeaders(request.getMessage()?.properties?.headers);
    // A caller outside any trace (or not tracing) sent no context: this call starts none either.
    if (!isTraced(caller)) return correlated(correlationId, next);
    const { span, context: serving } = startSpan({
      name: pattern,
      kind: SpanKind.SERVER,
      parent: caller,
      attributes: { 'rpc.system': 'rabbitmq', 'rpc.method': pattern },
    });
    let ended = false;
    const end = (error?: unknown): void => {
      if (ended) return;
      ended = true;
      if (error !== undefined) failSpan(span, error);
      span.end();
    };
    return new Observable((subscriber) => {
      const subscription = withContext(serving, () =>
        CorrelationContext.run({ correlationId, causationId: null }, () =>
          next.handle().subscribe({
            next: (value) => subscriber.next(value),
            error: (error: unknown) => {
              end(error);
              subscriber.error(error);
            },
            complete: () => {
              end();
              subscriber.complete();
            },
          }),
        ),
      );
      // A caller that stops listening (Nest does, once it has the reply) ends the span too.
      return () => {
        subscription.unsubscribe();
        end();
      };
    });
  }
}

function correlated(correlationId: string, next: CallHandler): Observable<unknown> {
  return new Observable((subscriber) =>
    CorrelationContext.run({ correlationId, causationId: null }, () => next.handle().subscribe(subscriber)),
  );
}
