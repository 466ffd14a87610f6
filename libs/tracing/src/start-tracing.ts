import { AppName, EnvReader, readTracingConfig } from '@envrefresh/config';
import type { RunningTracing } from './node-sdk';

let running: RunningTracing | undefined;

/**
 * Starts the OpenTelemetry SDK when `OTEL_EXPORTER_OTLP_ENDPOINT` is set; otherwise does nothing
 * at all: the SDK is not even loaded, no instrumentation patches a module, and the API the code
 * calls stays OpenTelemetry's no-op. Call it before anything loads http, Fastify or pg (each
 * app's `tracing.ts`, imported first by its `main.ts`): instrumentations patch modules as they load.
 * A wrong tracing variable starts nothing here; the app's configuration check reports it and exits.
 */
export function startTracing(app: AppName, env: Record<string, string | undefined> = process.env): boolean {
  if (running) return true;
  const reader = new EnvReader(env);
  const config = readTracingConfig(app, reader);
  try {
    reader.done();
  } catch {
    return false;
  }
  if (!config) return false;
  // Required here, not imported at the top: loading the SDK is part of the cost tracing-off avoids.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startNodeSdk } = require('./node-sdk') as typeof import('./node-sdk');
  running = startNodeSdk(config);
  return true;
}

/** Exports the spans still buffered and stops the SDK (a no-op when tracing is off). */
export async function stopTracing(): Promise<void> {
  const stopping = running;
  running = undefined;
  await stopping?.shutdown();
}
