import { verifiedEd25519JwsPayload } from './compact-jws';
import { UserProofVerificationConfig } from './user-proof.keys';
import {
  InvalidUserProofError,
  ProofBinding,
  ProvenUser,
  USER_PROOF_CLOCK_SKEW_SECONDS,
  USER_PROOF_ISSUER,
  USER_PROOF_LIFETIME_SECONDS,
  USER_PROOF_TYPE,
  requestDigest,
} from './user-proof';

/** Far larger than any assertion; bounds the work a hostile message can cause. */
const MAX_PROOF_LENGTH = 8192;

type Claims = Record<string, unknown>;

/** A service's side: the user of a request, from its assertion only; anything doubtful throws. */
export class UserProofVerifier {
  constructor(private readonly config: UserProofVerificationConfig) {}

  // Async as callers have always awaited it; the check itself is synchronous.
  async verify(assertion: unknown, binding: ProofBinding, now = new Date()): Promise<ProvenUser> {
    if (typeof assertion !== 'string' || assertion.length === 0)
      throw new InvalidUserProofError('the request carries no user assertion');
    if (assertion.length > MAX_PROOF_LENGTH)
      throw new InvalidUserProofError('the user assertion is too long');
    const claims = verifiedEd25519JwsPayload(assertion, USER_PROOF_TYPE, (kid) => this.keyOf(kid));
    checkTimes(claims, now.getTime() / 1000);
    if (claims.iss !== USER_PROOF_ISSUER) throw wrongClaim('iss');
    if (!isFor(claims.aud, binding.audience)) throw wrongClaim('aud');
    if (claims.rpc !== binding.pattern)
      throw new InvalidUserProofError(
        `the user assertion was made for another request (${String(claims.rpc)})`,
      );
    if (claims.dig !== requestDigest(binding.request))
      throw new InvalidUserProofError('the request is not the one the user assertion was made for');
    return userOf(claims);
  }

  private keyOf(kid: unknown) {
    const key = typeof kid === 'string' ? this.config.publicKeys.get(kid) : undefined;
    if (!key) throw new InvalidUserProofError('the user assertion is signed with an unknown key');
    return key;
  }
}

/** exp, iat (and nbf if present) as RFC 7519 has them, each with the clock skew believed. */
function checkTimes(claims: Claims, nowSeconds: number): void {
  const { exp, iat, nbf } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw wrongClaim('exp');
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw wrongClaim('iat');
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds + USER_PROOF_CLOCK_SKEW_SECONDS))
    throw wrongClaim('nbf');
  if (exp <= nowSeconds - USER_PROOF_CLOCK_SKEW_SECONDS)
    throw new InvalidUserProofError('the user assertion has expired');
  if (nowSeconds - iat > USER_PROOF_LIFETIME_SECONDS + 2 * USER_PROOF_CLOCK_SKEW_SECONDS)
    throw new InvalidUserProofError('the user assertion has expired');
  if (iat > nowSeconds + USER_PROOF_CLOCK_SKEW_SECONDS)
    throw new InvalidUserProofError('the user assertion is issued in the future');
  if (exp - iat > USER_PROOF_LIFETIME_SECONDS)
    throw new InvalidUserProofError('the user assertion lives longer than allowed');
}

function isFor(audience: unknown, service: string): boolean {
  return audience === service || (Array.isArray(audience) && audience.includes(service));
}

function wrongClaim(claim: string): InvalidUserProofError {
  return new InvalidUserProofError(`the user assertion's ${claim} claim is wrong`);
}

function userOf(claims: Claims): ProvenUser {
  const strings = (value: unknown): value is string[] =>
    Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (
    typeof claims.sub !== 'string' ||
    claims.sub.trim() === '' ||
    !strings(claims.roles) ||
    !strings(claims.groups)
  )
    throw new InvalidUserProofError('the user assertion carries no valid user');
  return {
    sub: claims.sub,
    ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
    ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
    roles: claims.roles,
    groups: claims.groups,
  };
}
