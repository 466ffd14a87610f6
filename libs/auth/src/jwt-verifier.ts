import { KeyObject, createPublicKey, createSecretKey } from 'node:crypto';
import { JWTPayload, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { JwtConfig } from './jwt.config';

export interface AuthenticatedActor {
  sub: string;
  name?: string;
  email?: string;
  roles: string[];
  groups: string[];
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** Larger than any real token; bounds the work a hostile header can cause. */
const MAX_TOKEN_LENGTH = 8192;

type VerificationKey = Uint8Array | KeyObject | ReturnType<typeof createRemoteJWKSet>;

/**
 * Verifies a bearer token and returns the caller; anything doubtful is an InvalidTokenError.
 * The algorithm comes from the configured key, never from the token's header.
 */
export class JwtVerifier {
  private readonly key: VerificationKey;

  constructor(private readonly config: JwtConfig) {
    this.key = verificationKey(config);
  }

  async verify(token: string): Promise<AuthenticatedActor> {
    if (token.length > MAX_TOKEN_LENGTH) throw new InvalidTokenError('token is too long');
    let claims: JWTPayload;
    try {
      const verified = await jwtVerify(token, this.key as Parameters<typeof jwtVerify>[1], {
        algorithms: [this.config.key.algorithm],
        issuer: this.config.issuer,
        audience: this.config.audience,
        requiredClaims: ['exp', 'iss', 'aud', 'sub'],
      });
      claims = verified.payload;
    } catch (error) {
      throw new InvalidTokenError(describe(error));
    }
    return actorOf(claims);
  }
}

function verificationKey(config: JwtConfig): VerificationKey {
  switch (config.key.kind) {
    case 'secret':
      // A KeyObject built once: given raw bytes, jose would import the key again for every token.
      return createSecretKey(Buffer.from(config.key.secret, 'utf8'));
    case 'public-key':
      return createPublicKey(config.key.publicKey);
    case 'jwks':
      // jose caches the set, refetches at most every 30 s for an unknown kid, and after 10 min anyway.
      return createRemoteJWKSet(new URL(config.key.jwksUrl), { timeoutDuration: config.key.timeoutMs });
  }
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `${error.claim} claim is missing or wrong`;
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'token is signed with an algorithm this API does not accept';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no known key matches the token';
  if (error instanceof errors.JWKSTimeout) return 'the signing keys could not be fetched in time';
  if (error instanceof errors.JOSEError) return error.message;
  if (isNetworkFailure(error)) return 'the signing keys could not be fetched';
  // Anything else (the key set unreachable, a malformed input jose did not anticipate) is still
  // a token we could not verify, never a server error.
  return 'token could not be verified';
}

function actorOf(claims: JWTPayload): AuthenticatedActor {
  if (typeof claims.sub !== 'string' || claims.sub.length === 0)
    throw new InvalidTokenError('token has no sub claim');
  if (!isStringArray(claims.roles)) throw new InvalidTokenError('roles claim must be an array of strings');
  if (claims.groups !== undefined && !isStringArray(claims.groups))
    throw new InvalidTokenError('groups claim must be an array of strings');
  return {
    sub: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : undefined,
    email: typeof claims.email === 'string' ? claims.email : undefined,
    roles: claims.roles,
    groups: (claims.groups as string[] | undefined) ?? [],
  };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** A socket error from fetching the key set: jose 6 fetches with `fetch`, whose `cause` holds it. */
function isNetworkFailure(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  return typeof code === 'string' || typeof cause?.code === 'string';
}
