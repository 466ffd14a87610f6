import { KeyObject, sign, verify } from 'node:crypto';
import { InvalidUserProofError, USER_PROOF_ALGORITHM } from './user-proof';

/**
 * The JWS compact form (RFC 7515) of a user assertion, signed and checked with node:crypto's
 * Ed25519 directly: jose goes through WebCrypto, whose asynchronous jobs cost the gateway about a
 * tenth of its CPU per write and the services as much again (docs/PERFORMANCE.md, 2026-12-04).
 * Only what the gateway's signer makes is accepted: alg EdDSA, the assertion's own typ, nothing
 * critical, a 64-byte signature.
 */
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const ED25519_SIGNATURE_BYTES = 64;

/** The JWS header besides `alg`, which is always EdDSA here. */
export interface JwsHeader {
  kid: string;
  typ: string;
}

export function signEd25519Jws(header: JwsHeader, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${encodeSegment({ alg: USER_PROOF_ALGORITHM, ...header })}.${encodeSegment(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
}

/**
 * The payload of a compact JWS whose header says `typ` and whose signature `keyOf(kid)` checks;
 * anything else throws InvalidUserProofError, before the payload is read when the fault is the
 * form, the header or the signature.
 */
export function verifiedEd25519JwsPayload(
  token: string,
  typ: string,
  keyOf: (kid: unknown) => KeyObject,
): Record<string, unknown> {
  const segments = token.split('.');
  if (segments.length !== 3 || !segments.every((segment) => SEGMENT.test(segment)))
    throw new InvalidUserProofError('the user assertion is not a JWS');
  const [encodedHeader, encodedPayload, encodedSignature] = segments;
  const header = decodeSegment(encodedHeader, 'header');
  if (header.alg !== USER_PROOF_ALGORITHM || header.typ !== typ || 'crit' in header)
    throw new InvalidUserProofError('the user assertion is invalid: not an EdDSA user assertion');
  const key = keyOf(header.kid);
  const signature = Buffer.from(encodedSignature, 'base64url');
  if (
    signature.length !== ED25519_SIGNATURE_BYTES ||
    !verify(null, Buffer.from(`${encodedHeader}.${encodedPayload}`), key, signature)
  )
    throw new InvalidUserProofError('the user assertion is not signed by the gateway');
  return decodeSegment(encodedPayload, 'payload');
}

function encodeSegment(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeSegment(segment: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidUserProofError(`the user assertion is invalid: its ${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidUserProofError(`the user assertion is invalid: its ${what} is not an object`);
  return value as Record<string, unknown>;
}
