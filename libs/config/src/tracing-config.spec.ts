import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';
import { readTracingConfig } from './tracing-config';

function read(env: Record<string, string>) {
  const reader = new EnvReader(env);
  const config = readTracingConfig('intents', reader);
  try {
    reader.done();
    return { config, problems: [] };
  } catch (error) {
    return { config, problems: (error as ConfigError).problems };
  }
}

describe('readTracingConfig', () => {
  it('is off without OTEL_EXPORTER_OTLP_ENDPOINT, whatever else is set', () => {
    expect(read({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_SERVICE_NAME: 'x' })).toEqual({
      config: undefined,
      problems: [],
    });
  });

  it('is off when OTEL_SDK_DISABLED is true, even with an endpoint', () => {
    expect(
      read({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).config,
    ).toBe(undefined);
  });

  it("exports over http/protobuf as envrefresh-<app> by default, OpenTelemetry's defaults", () => {
    expect(read({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({
      config: {
        endpoint: 'http://collector:4318',
        protocol: 'http/protobuf',
        serviceName: 'envrefresh-intents',
      },
      problems: [],
    });
  });

  it('takes the protocol and service name it is given', () => {
    expect(
      read({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector:4317',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_SERVICE_NAME: 'refresh-intents',
      }).config,
    ).toEqual({ endpoint: 'https://collector:4317', protocol: 'grpc', serviceName: 'refresh-intents' });
  });

  it('names each wrong variable', () => {
    expect(
      read({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'thrift' }).problems,
    ).toEqual([
      expect.stringMatching(/^OTEL_EXPORTER_OTLP_ENDPOINT must use http or https/),
      'OTEL_EXPORTER_OTLP_PROTOCOL must be one of http/protobuf, http/json, grpc, got "thrift"',
    ]);
  });
});
