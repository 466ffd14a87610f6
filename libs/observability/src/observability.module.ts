import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { HealthController } from './health/health.controller';
import { DEFAULT_READINESS_TIMEOUT_MS, type ReadinessCheck } from './health/readiness-check';
import { ReadinessIndicator, validateReadinessChecks } from './health/readiness.indicator';
import { READINESS_CHECKS, READINESS_TIMEOUT_MS } from './health/readiness.tokens';
import { FastifyInstrumentation } from './http/fastify-instrumentation';
import { AppLogger } from './logging/app-logger';
import { createAppLogger } from './logging/app-logger-options';
import { HttpMetrics } from './metrics/http-metrics';
import { ensureDefaultMetrics } from './metrics/metric-registry';
import { MetricsController } from './metrics/metrics.controller';
import type { ObservabilityOptions } from './observability-options';
import { TraceExportLifecycle } from './tracing/trace-export.lifecycle';

/**
 * JSON logs carrying the correlation id, Prometheus metrics at /metrics, and liveness and
 * readiness probes at /health/*, for one app. Import it once, in the app's root module.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    const readiness = options.readiness;
    // PrometheusModule would collect them on every registration and throw the second time.
    ensureDefaultMetrics();
    return {
      module: ObservabilityModule,
      global: true,
      imports: [
        PrometheusModule.register({
          controller: MetricsController,
          path: '/metrics',
          defaultMetrics: { enabled: false },
        }),
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        ...(readiness?.imports ?? []),
      ],
      controllers: [HealthController],
      providers: [
        {
          provide: READINESS_CHECKS,
          inject: readiness?.inject ?? [],
          useFactory: async (...deps: unknown[]): Promise<ReadinessCheck[]> =>
            validateReadinessChecks(readiness ? await readiness.useFactory(...deps) : []),
        },
        { provide: READINESS_TIMEOUT_MS, useValue: readiness?.timeoutMs ?? DEFAULT_READINESS_TIMEOUT_MS },
        ReadinessIndicator,
        {
          provide: AppLogger,
          useFactory: () => new AppLogger(createAppLogger(options.config, options.logDestination)),
        },
        HttpMetrics,
        FastifyInstrumentation,
        { provide: TraceExportLifecycle, useFactory: () => new TraceExportLifecycle(options.config.tracing) },
      ],
      exports: [HttpMetrics, AppLogger],
    };
  }
}
