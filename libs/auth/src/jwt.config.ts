import { createPublicKey } from 'node:crypto';
import { EnvReader } from '@envrefresh/config';

export const DEVELOPMENT_JWT_SECRET = 'envrefresh-development-secret-do-not-use-in-production';

/**
 * Where the verification key comes from. Each kind admits exactly one algorithm, so a token can
 * never choose how it is checked (no `alg: none`, no HS256 signed with an RSA public key).
 */
export type JwtKey =
  | { kind: 'secret'; algorithm: 'HS256'; secret: string }
  | { kind: 'public-key'; algorithm: 'RS256'; publicKey: string }
  | { kind: 'jwks'; algorithm: 'RS256'; jwksUrl: string; timeoutMs: number };

export interface JwtConfig {
  key: JwtKey;
  issuer: string;
  audience: string;
  /** JWT_MAX_LIFETIME: the longest a token may live, from iat (or from now without iat) to exp. */
  maxLifetimeMs: number;
  /** JWT_ROLES_CLAIM / JWT_GROUPS_CLAIM: where the identity provider puts them (dotted paths). */
  rolesClaim: string;
  groupsClaim: string;
  /** True when no key was configured and the development secret is in use. */
  usingDevelopmentSecret: boolean;
}

/** JWT settings; outside production a missing key falls back to a development secret, loudly. */
export function readJwtConfig(env: EnvReader, production: boolean): JwtConfig {
  const secret = env.optionalString('JWT_SECRET');
  const publicKey = env.optionalString('JWT_PUBLIC_KEY')?.replace(/\\n/g, '\n');
  const jwksUrl = env.optionalString('JWT_JWKS_URL');
  const timeoutMs = env.int('JWT_JWKS_TIMEOUT_MS', 3000, { min: 100, max: 60000 });
  const configured = [
    secret && 'JWT_SECRET',
    publicKey && 'JWT_PUBLIC_KEY',
    jwksUrl && 'JWT_JWKS_URL',
  ].filter(Boolean);
  if (configured.length > 1)
    env.fail(
      `set only one of JWT_SECRET (HS256), JWT_PUBLIC_KEY or JWT_JWKS_URL (RS256), not ${configured.join(' and ')}`,
    );
  if (secret && secret.length < 32) env.fail('JWT_SECRET must be at least 32 characters');
  if (publicKey) checkRsaPublicKey(env, publicKey);
  if (jwksUrl) checkJwksUrl(env, jwksUrl, production);
  const usingDevelopmentSecret = configured.length === 0;
  if (usingDevelopmentSecret && production)
    env.fail('JWT_SECRET (or JWT_PUBLIC_KEY or JWT_JWKS_URL) is required when NODE_ENV=production');
  return {
    key: chooseKey({ secret, publicKey, jwksUrl, timeoutMs }),
    issuer: env.string('JWT_ISSUER', 'envrefresh'),
    audience: env.string('JWT_AUDIENCE', 'envrefresh-api'),
    maxLifetimeMs: env.durationMs('JWT_MAX_LIFETIME', 'PT24H', { minMs: 60_000, maxMs: 366 * 86_400_000 }),
    rolesClaim: claimPath(env, 'JWT_ROLES_CLAIM', 'roles'),
    groupsClaim: claimPath(env, 'JWT_GROUPS_CLAIM', 'groups'),
    usingDevelopmentSecret,
  };
}

function chooseKey(options: {
  secret?: string;
  publicKey?: string;
  jwksUrl?: string;
  timeoutMs: number;
}): JwtKey {
  if (options.publicKey) return { kind: 'public-key', algorithm: 'RS256', publicKey: options.publicKey };
  if (options.jwksUrl)
    return { kind: 'jwks', algorithm: 'RS256', jwksUrl: options.jwksUrl, timeoutMs: options.timeoutMs };
  return { kind: 'secret', algorithm: 'HS256', secret: options.secret ?? DEVELOPMENT_JWT_SECRET };
}

function checkRsaPublicKey(env: EnvReader, pem: string): void {
  try {
    if (createPublicKey(pem).asymmetricKeyType !== 'rsa')
      env.fail('JWT_PUBLIC_KEY must be an RSA public key (RS256)');
  } catch {
    env.fail('JWT_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY-----…)');
  }
}

/** Keys fetched over plain HTTP could be swapped in transit; only development may do that. */
function checkJwksUrl(env: EnvReader, jwksUrl: string, production: boolean): void {
  const protocols = production ? ['https'] : ['https', 'http'];
  env.url('JWT_JWKS_URL', protocols, { example: 'https://login.example.com/.well-known/jwks.json' });
}

/** A claim name, or a dotted path into nested claims (e.g. realm_access.roles). */
function claimPath(env: EnvReader, name: string, fallback: string): string {
  const path = env.string(name, fallback);
  if (!/^[^.\s]+(\.[^.\s]+)*$/.test(path))
    env.fail(`${name} must be a claim name or a dotted path such as realm_access.roles`);
  return path;
}
