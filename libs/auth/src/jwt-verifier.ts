import { KeyObject, createPublicKey, createSecretKey } from 'node:crypto';
import { JWTPayload, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { JwtConfig } from './jwt.config';
import { VERIFIED_TOKEN_MAX_AGE_MS, VerifiedTokens } from './verified-tokens';

export interface AuthenticatedActor {
  sub: string;
  name?: string;
  email?: string;
  roles: string[];
  groups: string[];
  /** Set when the caller presented an envrefresh API token instead of a JWT. */
  apiTokenId?: string;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** Larger than any real token; bounds the work a hostile header can cause. */
const MAX_TOKEN_LENGTH = 8192;

/** How far ahead of this clock an issuer's `iat` and `nbf` may be (one skew for both). */
export const JWT_CLOCK_SKEW_SECONDS = 60;

/** Compact JWS: three base64url segments without padding. */
const BASE64URL = /^[A-Za-z0-9_-]*$/;

type VerificationKey = Uint8Array | KeyObject | ReturnType<typeof createRemoteJWKSet>;

/**
 * Verifies a bearer token and returns the caller; anything doubtful is an InvalidTokenError.
 * The algorithm comes from the configured key, never from the token's header. A token whose
 * signature verified is remembered (VerifiedTokens), so a pipeline sending the same token
 * thousands of times pays for one signature check; its times are still judged at every use.
 */
export class JwtVerifier {
  private readonly key: VerificationKey;

  constructor(
    private readonly config: JwtConfig,
    private readonly verified = new VerifiedTokens(),
  ) {
    this.key = verificationKey(config);
  }

  async verify(token: string, now = new Date()): Promise<AuthenticatedActor> {
    if (token.length > MAX_TOKEN_LENGTH) throw new InvalidTokenError('token is too long');
    const known = this.verified.recall(token, now.getTime());
    if (known) {
      this.checkTimes(known, now.getTime() / 1000);
      return actorOf(known, this.config);
    }
    assertCanonical(token);
    let claims: JWTPayload;
    try {
      const verified = await jwtVerify(token, this.key as Parameters<typeof jwtVerify>[1], {
        algorithms: [this.config.key.algorithm],
        issuer: this.config.issuer,
        audience: this.config.audience,
        requiredClaims: ['exp', 'iss', 'aud', 'sub'],
        // Applies to nbf (and exp, which is checked strictly below).
        clockTolerance: JWT_CLOCK_SKEW_SECONDS,
        currentDate: now,
      });
      claims = verified.payload;
    } catch (error) {
      throw new InvalidTokenError(describe(error));
    }
    this.checkTimes(claims, now.getTime() / 1000);
    const actor = actorOf(claims, this.config);
    this.verified.remember(token, claims, now.getTime());
    return actor;
  }

  /**
   * exp strictly in the future; nbf and iat not ahead of the skew; no longer-lived than
   * JWT_MAX_LIFETIME. Judged at every use, a remembered token included.
   */
  private checkTimes(claims: JWTPayload, nowSeconds: number): void {
    const exp = claims.exp as number;
    if (exp <= nowSeconds) throw new InvalidTokenError('token has expired');
    if (claims.nbf !== undefined && claims.nbf > nowSeconds + JWT_CLOCK_SKEW_SECONDS)
      throw new InvalidTokenError('token is not valid yet (nbf)');
    if (claims.iat !== undefined && claims.iat > nowSeconds + JWT_CLOCK_SKEW_SECONDS)
      throw new InvalidTokenError('token is issued in the future (iat)');
    const from = claims.iat ?? nowSeconds;
    if (exp - from > this.config.maxLifetimeMs / 1000)
      throw new InvalidTokenError('token lives longer than JWT_MAX_LIFETIME allows');
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
      // jose caches the set, refetches at most every 30 s for an unknown kid, and after
      // VERIFIED_TOKEN_MAX_AGE_MS anyway: as long as a verified token is remembered.
      return createRemoteJWKSet(new URL(config.key.jwksUrl), {
        timeoutDuration: config.key.timeoutMs,
        cacheMaxAge: VERIFIED_TOKEN_MAX_AGE_MS,
      });
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

/**
 * One token, one spelling: base64url without padding, and no segment whose unused trailing bits
 * are set (decoders ignore them, so `…Q` and `…R` would be the same signature).
 */
function assertCanonical(token: string): void {
  const segments = token.split('.');
  if (
    segments.length !== 3 ||
    segments.some(
      (segment) =>
        !BASE64URL.test(segment) || Buffer.from(segment, 'base64url').toString('base64url') !== segment,
    )
  )
    throw new InvalidTokenError('token is not canonical base64url');
}

/** A claim by name, else by dotted path (realm_access.roles), so namespaced URL claims work too. */
function claimAt(claims: JWTPayload, path: string): unknown {
  if (path in claims) return claims[path];
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      claims,
    );
}

function actorOf(
  claims: JWTPayload,
  config: Pick<JwtConfig, 'rolesClaim' | 'groupsClaim'>,
): AuthenticatedActor {
  if (typeof claims.sub !== 'string' || claims.sub.length === 0)
    throw new InvalidTokenError('token has no sub claim');
  const roles = claimAt(claims, config.rolesClaim);
  const groups = claimAt(claims, config.groupsClaim);
  if (!isStringArray(roles))
    throw new InvalidTokenError(`${config.rolesClaim} claim must be an array of strings`);
  if (groups !== undefined && !isStringArray(groups))
    throw new InvalidTokenError(`${config.groupsClaim} claim must be an array of strings`);
  return {
    sub: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : undefined,
    email: typeof claims.email === 'string' ? claims.email : undefined,
    // Copies: the claims may be remembered, and a caller changing its actor must not change them.
    roles: [...roles],
    groups: [...((groups as string[] | undefined) ?? [])],
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
