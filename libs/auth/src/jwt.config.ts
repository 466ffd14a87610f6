import { EnvReader } from '@envrefresh/config';

export const DEVELOPMENT_JWT_SECRET = 'envrefresh-development-secret-do-not-use-in-production';

export type JwtKey = { algorithm: 'HS256'; secret: string } | { algorithm: 'RS256'; publicKey: string };

export interface JwtConfig {
  key: JwtKey;
  issuer: string;
  audience: string;
  /** True when no key was configured and the development secret is in use. */
  usingDevelopmentSecret: boolean;
}

/** JWT settings; outside production a missing secret falls back to a development one, loudly. */
export function readJwtConfig(env: EnvReader, production: boolean): JwtConfig {
  const secret = env.optionalString('JWT_SECRET');
  const publicKey = env.optionalString('JWT_PUBLIC_KEY');
  if (env.optionalString('JWT_JWKS_URL')) {
    env.fail('JWT_JWKS_URL is not supported by this release: set JWT_PUBLIC_KEY (PEM) or JWT_SECRET instead');
  }
  if (secret && publicKey) env.fail('set either JWT_SECRET (HS256) or JWT_PUBLIC_KEY (RS256), not both');
  if (publicKey && !publicKey.includes('BEGIN PUBLIC KEY'))
    env.fail('JWT_PUBLIC_KEY must be a PEM public key');
  if (secret && secret.length < 32) env.fail('JWT_SECRET must be at least 32 characters');
  const usingDevelopmentSecret = !secret && !publicKey;
  if (usingDevelopmentSecret && production)
    env.fail('JWT_SECRET (or JWT_PUBLIC_KEY) is required when NODE_ENV=production');
  const key: JwtKey = publicKey
    ? { algorithm: 'RS256', publicKey: publicKey.replace(/\\n/g, '\n') }
    : { algorithm: 'HS256', secret: secret ?? DEVELOPMENT_JWT_SECRET };
  return {
    key,
    issuer: env.string('JWT_ISSUER', 'envrefresh'),
    audience: env.string('JWT_AUDIENCE', 'envrefresh-api'),
    usingDevelopmentSecret,
  };
}
