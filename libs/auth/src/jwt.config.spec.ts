import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, EnvReader } from '@envrefresh/config';
import { DEVELOPMENT_JWT_SECRET, readJwtConfig } from './jwt.config';

const RSA_PEM = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();
const EC_PEM = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();
const SECRET = 'x'.repeat(40);

function read(env: Record<string, string>, production = false) {
  const reader = new EnvReader(env);
  const config = readJwtConfig(reader, production);
  reader.done();
  return config;
}

function problems(env: Record<string, string>, production = false): string[] {
  try {
    read(env, production);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('readJwtConfig', () => {
  it('pins HS256 to JWT_SECRET', () => {
    expect(read({ JWT_SECRET: SECRET }).key).toEqual({ kind: 'secret', algorithm: 'HS256', secret: SECRET });
  });

  it('pins RS256 to JWT_PUBLIC_KEY, accepting escaped newlines from a one-line variable', () => {
    expect(read({ JWT_PUBLIC_KEY: RSA_PEM.replace(/\n/g, '\\n') }).key).toEqual({
      kind: 'public-key',
      algorithm: 'RS256',
      publicKey: RSA_PEM,
    });
  });

  it('pins RS256 to JWT_JWKS_URL with a fetch timeout', () => {
    expect(
      read({ JWT_JWKS_URL: 'https://id.example.com/jwks.json', JWT_JWKS_TIMEOUT_MS: '1500' }, true).key,
    ).toEqual({
      kind: 'jwks',
      algorithm: 'RS256',
      jwksUrl: 'https://id.example.com/jwks.json',
      timeoutMs: 1500,
    });
  });

  it('defaults to a 24-hour lifetime and the roles and groups claims', () => {
    expect(read({ JWT_SECRET: SECRET })).toMatchObject({
      maxLifetimeMs: 24 * 3_600_000,
      rolesClaim: 'roles',
      groupsClaim: 'groups',
    });
    expect(
      read({ JWT_SECRET: SECRET, JWT_MAX_LIFETIME: 'PT8H', JWT_ROLES_CLAIM: 'realm_access.roles' }),
    ).toMatchObject({
      maxLifetimeMs: 8 * 3_600_000,
      rolesClaim: 'realm_access.roles',
    });
  });

  it('falls back to the development secret outside production only', () => {
    expect(read({})).toMatchObject({ usingDevelopmentSecret: true, key: { secret: DEVELOPMENT_JWT_SECRET } });
    expect(problems({}, true)).toEqual([
      expect.stringMatching(/JWT_SECRET .*required when NODE_ENV=production/),
    ]);
  });

  it.each([
    ['two key sources', { JWT_SECRET: SECRET, JWT_JWKS_URL: 'https://id.example.com/jwks' }, /only one of/],
    ['a short secret', { JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32/],
    ['a public key that is not PEM', { JWT_PUBLIC_KEY: 'ssh-rsa AAAA' }, /JWT_PUBLIC_KEY must be a PEM/],
    ['an EC public key', { JWT_PUBLIC_KEY: EC_PEM }, /JWT_PUBLIC_KEY must be an RSA/],
    ['a JWKS URL that is not a URL', { JWT_JWKS_URL: 'jwks' }, /JWT_JWKS_URL is not a valid URL/],
    ['a JWKS URL over ftp', { JWT_JWKS_URL: 'ftp://id.example.com/jwks' }, /JWT_JWKS_URL must use/],
    [
      'a lifetime that is not a duration',
      { JWT_MAX_LIFETIME: '24h' },
      /JWT_MAX_LIFETIME must be an ISO-8601 duration/,
    ],
    ['a lifetime in months', { JWT_MAX_LIFETIME: 'P1M' }, /JWT_MAX_LIFETIME must be an ISO-8601 duration/],
    ['a roles claim path with a gap', { JWT_ROLES_CLAIM: 'realm_access..roles' }, /JWT_ROLES_CLAIM must be/],
  ])('refuses %s', (_case, env, message) => {
    expect(problems(env)).toEqual([expect.stringMatching(message)]);
  });

  it('accepts a JWKS URL over http in development but not in production', () => {
    expect(problems({ JWT_JWKS_URL: 'http://127.0.0.1:9999/jwks' })).toEqual([]);
    expect(problems({ JWT_JWKS_URL: 'http://127.0.0.1:9999/jwks' }, true)).toEqual([
      expect.stringMatching(/JWT_JWKS_URL must use https, not http/),
    ]);
  });
});
