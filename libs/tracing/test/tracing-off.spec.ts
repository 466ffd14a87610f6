import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { APP_NAMES } from '@envrefresh/config';

const ROOT = path.resolve(__dirname, '../../..');

// Run in a fresh process: loads an app's built tracing.js, as its main.ts does first, then the
// modules the instrumentations would patch, and reports what it finds.
const PROBE = `
  require(process.argv[1]);
  const http = require('node:http');
  const pg = require('pg');
  const { trace, propagation } = require('@opentelemetry/api');
  const loaded = Object.keys(require.cache);
  console.log(JSON.stringify({
    sdkModules: loaded.filter((file) => /node_modules\\/@opentelemetry\\/(?!api\\/)|@fastify\\/otel/.test(file)).length,
    httpPatched: typeof http.request.__wrapped === 'function' || http.request.__wrapped === true,
    pgPatched: pg.Client.prototype.query.__wrapped === true,
    tracerProvider: trace.getTracerProvider().getDelegate().constructor.name,
    propagatedFields: propagation.fields(),
  }));
  process.exit(0);
`;

interface Probe {
  sdkModules: number;
  httpPatched: boolean;
  pgPatched: boolean;
  tracerProvider: string;
  propagatedFields: string[];
}

function probe(app: string, env: Record<string, string>): Probe {
  const run = spawnSync(process.execPath, ['-e', PROBE, path.join(ROOT, `dist/apps/${app}/src/tracing.js`)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (run.status !== 0) throw new Error(`probe of ${app} exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Probe;
}

describe("an app's tracing, started before anything else loads", () => {
  it.each(APP_NAMES)(
    '%s: without OTEL_EXPORTER_OTLP_ENDPOINT loads no SDK, patches nothing, registers no tracer',
    (app) => {
      expect(probe(app, {})).toEqual({
        sdkModules: 0,
        httpPatched: false,
        pgPatched: false,
        tracerProvider: 'NoopTracerProvider',
        propagatedFields: [],
      });
    },
  );

  it('with OTEL_EXPORTER_OTLP_ENDPOINT starts the SDK: a tracer provider, the W3C propagator, http and pg patched', () => {
    const on = probe('intents', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
    expect(on).toEqual({
      sdkModules: expect.any(Number),
      httpPatched: true,
      pgPatched: true,
      tracerProvider: 'TracerProvider',
      propagatedFields: expect.arrayContaining(['traceparent', 'tracestate']),
    });
    expect(on.sdkModules).toBeGreaterThan(0);
  });

  it('with a wrong tracing variable starts nothing (the app then reports it and exits)', () => {
    expect(probe('gateway', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toMatchObject({
      sdkModules: 0,
      tracerProvider: 'NoopTracerProvider',
    });
  });
});
