import { AppName } from './app-name';
import { EnvReader } from './env-reader';

/** The OTLP transports the exporter speaks; http/protobuf is OpenTelemetry's default. */
export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** The variable that turns tracing on: without it no SDK starts and nothing is patched. */
export const OTLP_ENDPOINT_VARIABLE = 'OTEL_EXPORTER_OTLP_ENDPOINT';

export interface TracingConfig {
  /** The collector's base URL; over http `/v1/traces` is appended, as OpenTelemetry specifies. */
  endpoint: string;
  /** `OTEL_EXPORTER_OTLP_PROTOCOL`, default http/protobuf. */
  protocol: OtlpProtocol;
  /** `OTEL_SERVICE_NAME`, default `envrefresh-<app>`. */
  serviceName: string;
}

/**
 * Traces are exported over OTLP when `OTEL_EXPORTER_OTLP_ENDPOINT` names a collector (and
 * `OTEL_SDK_DISABLED` is not true); `undefined` means tracing is off. The sampler, propagators,
 * batch sizes and exporter headers are OpenTelemetry's own variables, read by its SDK
 * (docs/operations.md, "Traces").
 */
export function readTracingConfig(app: AppName, env: EnvReader): TracingConfig | undefined {
  if (env.optionalString(OTLP_ENDPOINT_VARIABLE) === undefined) return undefined;
  if (env.bool('OTEL_SDK_DISABLED', false)) return undefined;
  return {
    endpoint: env.url(OTLP_ENDPOINT_VARIABLE, ['http', 'https'], {
      example: 'http://otel-collector.observability:4318',
    }),
    protocol: env.oneOf('OTEL_EXPORTER_OTLP_PROTOCOL', OTLP_PROTOCOLS, 'http/protobuf'),
    serviceName: env.string('OTEL_SERVICE_NAME', `envrefresh-${app}`),
  };
}
