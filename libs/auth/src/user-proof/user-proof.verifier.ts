import { JWTPayload, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { UserProofVerificationConfig } from './user-proof.keys';
import {
  InvalidUserProofError,
  ProofBinding,
  ProvenUser,
  USER_PROOF_ALGORITHM,
  USER_PROOF_CLOCK_SKEW_SECONDS,
  USER_PROOF_ISSUER,
  USER_PROOF_LIFETIME_SECONDS,
  requestDigest,
} from './user-proof';

/** Far larger than any assertion; bounds the work a hostile message can cause. */
const MAX_PROOF_LENGTH = 8192;

/** A service's side: the user of a request, from its assertion only; anything doubtful throws. */
export class UserProofVerifier {
  constructor(private readonly config: UserProofVerificationConfig) {}

  async verify(assertion: unknown, binding: ProofBinding, now = new Date()): Promise<ProvenUser> {
    if (typeof assertion !== 'string' || assertion.length === 0)
      throw new InvalidUserProofError('the request carries no user assertion');
    if (assertion.length > MAX_PROOF_LENGTH)
      throw new InvalidUserProofError('the user assertion is too long');
    const key = this.keyFor(assertion);
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(assertion, key, {
        algorithms: [USER_PROOF_ALGORITHM],
        issuer: USER_PROOF_ISSUER,
        audience: binding.audience,
        clockTolerance: USER_PROOF_CLOCK_SKEW_SECONDS,
        currentDate: now,
        maxTokenAge: USER_PROOF_LIFETIME_SECONDS + USER_PROOF_CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'iat', 'sub', 'aud', 'iss'],
      }));
    } catch (error) {
      throw new InvalidUserProofError(describe(error));
    }
    const nowSeconds = now.getTime() / 1000;
    if ((claims.iat as number) > nowSeconds + USER_PROOF_CLOCK_SKEW_SECONDS)
      throw new InvalidUserProofError('the user assertion is issued in the future');
    if ((claims.exp as number) - (claims.iat as number) > USER_PROOF_LIFETIME_SECONDS)
      throw new InvalidUserProofError('the user assertion lives longer than allowed');
    if (claims.rpc !== binding.pattern)
      throw new InvalidUserProofError(
        `the user assertion was made for another request (${String(claims.rpc)})`,
      );
    if (claims.dig !== requestDigest(binding.request))
      throw new InvalidUserProofError('the request is not the one the user assertion was made for');
    return userOf(claims);
  }

  private keyFor(assertion: string) {
    let kid: unknown;
    try {
      kid = decodeProtectedHeader(assertion).kid;
    } catch {
      throw new InvalidUserProofError('the user assertion is not a JWS');
    }
    const key = typeof kid === 'string' ? this.config.publicKeys.get(kid) : undefined;
    if (!key) throw new InvalidUserProofError('the user assertion is signed with an unknown key');
    return key;
  }
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the user assertion has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the user assertion's ${error.claim} claim is wrong`;
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'the user assertion is not signed by the gateway';
  if (error instanceof errors.JOSEError) return `the user assertion is invalid: ${error.message}`;
  return 'the user assertion could not be verified';
}

function userOf(claims: JWTPayload): ProvenUser {
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
