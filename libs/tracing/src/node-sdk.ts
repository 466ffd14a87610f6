import type { IncomingMessage } from 'node:http';
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { TracingConfig, isOperationalPath } from '@envrefresh/config';

/** What a started SDK offers its process: a flush of the spans it still holds, on shutdown. */
export interface RunningTracing {
  shutdown(): Promise<void>;
}

/**
 * Loaded only when tracing is on (start-tracing.ts requires it then), so a process without a
 * collector never loads the SDK nor patches a module. Spans of the messaging library (relay,
 * consumer, RPC) are made by hand in libs/messaging, see ADR 0022: the amqplib instrumentation
 * would parent a publish on whatever context amqp-connection-manager's queue happens to run in.
 */
export function startNodeSdk(config: TracingConfig): RunningTracing {
  const sdk = new NodeSDK({
    serviceName: config.serviceName,
    traceExporter: exporterFor(config),
    // Metrics stay Prometheus' (GET /metrics) and logs stay JSON lines on stdout.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes every few seconds would bury the traces worth reading.
        ignoreIncomingRequestHook: (request: IncomingMessage) => isOperationalPath(request.url),
      }),
      new FastifyOtelInstrumentation({
        registerOnInitialization: true,
        ignorePaths: ({ url }) => isOperationalPath(url),
        // One span for the route's handler; a span per lifecycle hook is noise here.
        instrumentHooks: false,
      }),
      // Pool checks and the relay's idle polls have no parent: only queries of a traced piece of work.
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    ],
  });
  sdk.start();
  return sdk;
}

function exporterFor({ endpoint, protocol }: TracingConfig): SpanExporter {
  const base = endpoint.replace(/\/+$/, '');
  switch (protocol) {
    case 'grpc':
      return new GrpcTraceExporter({ url: base });
    case 'http/json':
      return new JsonTraceExporter({ url: `${base}/v1/traces` });
    case 'http/protobuf':
      return new ProtobufTraceExporter({ url: `${base}/v1/traces` });
  }
}
