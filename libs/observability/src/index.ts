export * from './correlation/correlation-context';
export { ObservabilityModule } from './observability.module';
export type { ObservabilityOptions } from './observability-options';
export { OPERATIONAL_ROUTES, isOperationalPath } from './operational-routes';
export { REQUEST_ID_HEADER } from './logging/request-id';
export type { ReadinessCheck, ReadinessOptions } from './health/readiness-check';
export { DEFAULT_READINESS_TIMEOUT_MS } from './health/readiness-check';
export { PostgresReadinessCheck } from './health/postgres-readiness.check';
export { getOrCreateCounter, getOrCreateGauge, getOrCreateHistogram } from './metrics/metric-registry';
