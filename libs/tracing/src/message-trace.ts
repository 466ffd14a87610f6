import {
  Attributes,
  INVALID_SPAN_CONTEXT,
  Context,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';

/**
 * Trace context across the broker, by hand: the W3C `traceparent` / `tracestate` headers of a
 * message, and the spans around publishing, handling and calling. With tracing off every call
 * here is OpenTelemetry's no-op API: no header is written, no span recorded.
 */
export const TRACER_NAME = 'envrefresh';

export type MessageHeaders = Record<string, unknown>;

/** The trace context of `from` (default: the work at hand) as headers; `{}` when not tracing. */
export function traceHeaders(from: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return carrier;
}

/** The context a message's headers carry (the root context when they carry none). */
export function contextFromHeaders(headers: MessageHeaders | undefined): Context {
  return propagation.extract(ROOT_CONTEXT, headers ?? {}, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => {
      const value = carrier[key];
      if (typeof value === 'string') return value;
      // amqplib hands back a header as a Buffer when it was sent as bytes.
      return Buffer.isBuffer(value) ? value.toString('utf8') : undefined;
    },
  });
}

export interface TracedWork {
  name: string;
  kind: SpanKind;
  attributes?: Attributes;
  /** The context the span continues: a message's, or the active one when omitted. */
  parent?: Context;
  /**
   * Only continue a trace, never start one: without a span in `parent` the work runs untraced.
   * For calls a probe or a timer makes by themselves (readiness pings), like pg's queries.
   */
  onlyInTrace?: boolean;
}

/** Whether `ctx` (default: the work at hand) belongs to a trace. */
export function isTraced(ctx: Context = context.active()): boolean {
  return trace.getSpanContext(ctx) !== undefined;
}

/**
 * Runs `work` in a new span, child of `parent`: what `work` starts (queries, calls, events it
 * writes to the outbox) belongs to that span. The span ends when `work` settles, failed if it threw.
 */
export async function inSpan<T>(
  { name, kind, attributes, parent = context.active(), onlyInTrace = false }: TracedWork,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  if (onlyInTrace && !isTraced(parent)) return work(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
  const span = trace.getTracer(TRACER_NAME).startSpan(name, { kind, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Starts a span the caller ends (for work that is not one promise, such as an RPC handler's stream). */
export function startSpan({ name, kind, attributes, parent = context.active() }: TracedWork): {
  span: Span;
  context: Context;
} {
  const span = trace.getTracer(TRACER_NAME).startSpan(name, { kind, attributes }, parent);
  return { span, context: trace.setSpan(parent, span) };
}

/** Marks a span failed with the error's message (the exception becomes a span event). */
export function failSpan(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message ?? String(error) });
}

/** Runs `work` with `active` as the current context (what the handler's own spans and events continue). */
export function withContext<T>(active: Context, work: () => T): T {
  return context.with(active, work);
}

export { SpanKind };
