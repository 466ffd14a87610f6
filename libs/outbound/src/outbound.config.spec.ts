import { ConfigError, EnvReader } from '@envrefresh/config';
import { readOutboundConfig } from './outbound.config';

const read = (env: Record<string, string>) => {
  const reader = new EnvReader(env);
  const config = readOutboundConfig(reader);
  reader.done();
  return config;
};

const problemsOf = (env: Record<string, string>) => {
  try {
    read(env);
  } catch (error) {
    return (error as ConfigError).problems;
  }
  return [];
};

describe('readOutboundConfig', () => {
  it('defaults to https only, nothing private allowed, 10 s and 1 MiB', () => {
    const config = read({});
    expect(config).toMatchObject({ allowHttp: false, timeoutMs: 10_000, maxResponseBytes: 1_048_576 });
    expect(config.allowedHosts.entries).toEqual([]);
  });

  it('reads every variable', () => {
    const config = read({
      OUTBOUND_ALLOW_HTTP: 'true',
      OUTBOUND_ALLOWED_HOSTS: 'hooks.internal, 10.0.0.0/8, fd00::/8',
      OUTBOUND_TIMEOUT_MS: '2500',
      OUTBOUND_MAX_RESPONSE_BYTES: '65536',
    });
    expect(config).toMatchObject({ allowHttp: true, timeoutMs: 2500, maxResponseBytes: 65536 });
    expect(config.allowedHosts.entries).toEqual(['hooks.internal', '10.0.0.0/8', 'fd00::/8']);
  });

  it('reports every bad value, naming the variable', () => {
    expect(
      problemsOf({
        OUTBOUND_ALLOW_HTTP: 'yes',
        OUTBOUND_ALLOWED_HOSTS: '10.0.0.0/40',
        OUTBOUND_TIMEOUT_MS: '0',
        OUTBOUND_MAX_RESPONSE_BYTES: 'lots',
      }),
    ).toEqual([
      'OUTBOUND_ALLOWED_HOSTS: "10.0.0.0/40" is not a network: write an address or address/prefix with a prefix from 0 to 32',
      'OUTBOUND_ALLOW_HTTP must be true or false, got "yes"',
      'OUTBOUND_TIMEOUT_MS must be a whole number between 100 and 300000, got "0"',
      'OUTBOUND_MAX_RESPONSE_BYTES must be a whole number between 1024 and 67108864, got "lots"',
    ]);
  });
});
