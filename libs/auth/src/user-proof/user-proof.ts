import { canonicalJson, sha256Hex } from '@envrefresh/kernel';

/**
 * ADR 0017: the gateway proves to a service which user a request acts for with a short-lived
 * assertion it signs (EdDSA, Ed25519) with a key only it holds; the service checks it offline with
 * the public key. The assertion names its audience (the service), the RPC pattern and a digest of
 * the request, so it is worth nothing for another service, pattern or payload.
 */
export const USER_PROOF_ALGORITHM = 'EdDSA';
export const USER_PROOF_ISSUER = 'envrefresh-gateway';
/** The JWS header's `typ`: an assertion is never mistaken for another kind of token. */
export const USER_PROOF_TYPE = 'envrefresh-user+jwt';
/** Long enough for a call queued behind a busy service, short enough that a copy soon expires. */
export const USER_PROOF_LIFETIME_SECONDS = 60;
/** Clock differences between the gateway's host and a service's host that are still believed. */
export const USER_PROOF_CLOCK_SKEW_SECONDS = 5;

/** Members of an RPC request that are not what it asks: the proof itself and the correlation id. */
const UNSIGNED_MEMBERS = new Set(['assertion', 'correlationId']);

/** The user a proof speaks for, after the gateway's claim mapping. */
export interface ProvenUser {
  sub: string;
  name?: string;
  email?: string;
  roles: string[];
  groups: string[];
}

/** What a proof is bound to besides the user. */
export interface ProofBinding {
  /** The service that must answer: the assertion's audience. */
  audience: string;
  /** The RPC pattern asked. */
  pattern: string;
  /** The request as sent (or as received); its signed members are digested. */
  request: unknown;
}

/**
 * SHA-256 over the canonical JSON of the request without its proof and correlation id. Taken over
 * the JSON form, as a service receives it, so both sides digest the same text.
 */
export function requestDigest(request: unknown): string {
  const json = JSON.parse(JSON.stringify(request ?? {})) as Record<string, unknown>;
  const signed = Object.fromEntries(Object.entries(json).filter(([key]) => !UNSIGNED_MEMBERS.has(key)));
  return sha256Hex(canonicalJson(signed));
}

export class InvalidUserProofError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidUserProofError';
  }
}
