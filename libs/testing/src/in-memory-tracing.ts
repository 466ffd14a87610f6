import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';

/**
 * OpenTelemetry's own tracer provider, W3C propagator and context manager in this process, with
 * the SDK's in-memory exporter: what a spec of in-process code reads its spans from. (Apps in
 * child processes export over OTLP instead: OtlpTraceReceiver.)
 */
export class InMemoryTracing {
  private constructor(
    private readonly exporter: InMemorySpanExporter,
    private readonly provider: TracerProvider,
    private readonly contextManager: AsyncLocalStorageContextManager,
  ) {}

  static install(): InMemoryTracing {
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
    const contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
    return new InMemoryTracing(exporter, provider, contextManager);
  }

  spans(): ReadableSpan[] {
    return this.exporter.getFinishedSpans();
  }

  trace(traceId: string): ReadableSpan[] {
    return this.spans().filter((span) => span.spanContext().traceId === traceId);
  }

  async uninstall(): Promise<void> {
    await this.provider.shutdown();
    this.contextManager.disable();
    trace.disable();
    context.disable();
    propagation.disable();
  }
}
