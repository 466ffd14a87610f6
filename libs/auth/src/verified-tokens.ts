import { createHash } from 'node:crypto';
import type { JWTPayload } from 'jose';

/**
 * How many verified tokens a process remembers. A pipeline sends one token thousands of times
 * and a person's browser one token per session, so a few thousand cover every caller a gateway
 * sees in a token's life; the least recently used goes first beyond it.
 */
export const VERIFIED_TOKENS_CAPACITY = 5_000;

/**
 * The longest a verified token is trusted without checking its signature again: the time a
 * JWKS key set is kept before it is fetched anew (passed to jose as `cacheMaxAge`), so a key
 * the issuer withdrew stops being honoured from memory no later than it stops being honoured
 * by a fresh verification.
 */
export const VERIFIED_TOKEN_MAX_AGE_MS = 10 * 60_000;

interface Remembered {
  claims: JWTPayload;
  /** Epoch ms after which the token is verified afresh (its exp, or the max age, whichever is first). */
  trustedUntilMs: number;
}

/**
 * A bounded memory of tokens whose signature and claims were verified, keyed by the token's
 * SHA-256 (so neither memory nor a heap dump holds bearer tokens): the signature is not checked
 * again until the token expires or VERIFIED_TOKEN_MAX_AGE_MS passes. Only verified tokens are
 * kept; the caller still judges the times (exp, nbf) at every use, from the claims returned.
 */
export class VerifiedTokens {
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the least recently used.
  private readonly entries = new Map<string, Remembered>();

  constructor(
    private readonly capacity = VERIFIED_TOKENS_CAPACITY,
    private readonly maxAgeMs = VERIFIED_TOKEN_MAX_AGE_MS,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The claims of a token verified before and still trusted at `nowMs`, else undefined. */
  recall(token: string, nowMs: number): JWTPayload | undefined {
    const key = digestOf(token);
    const remembered = this.entries.get(key);
    if (!remembered) return undefined;
    this.entries.delete(key);
    if (nowMs >= remembered.trustedUntilMs) return undefined;
    this.entries.set(key, remembered);
    return remembered.claims;
  }

  /** Remembers a token that has just been verified, with the claims it carried. */
  remember(token: string, claims: JWTPayload, nowMs: number): void {
    const expiresMs = typeof claims.exp === 'number' ? claims.exp * 1000 : nowMs;
    const trustedUntilMs = Math.min(expiresMs, nowMs + this.maxAgeMs);
    if (trustedUntilMs <= nowMs) return;
    const key = digestOf(token);
    this.entries.delete(key);
    this.entries.set(key, { claims, trustedUntilMs });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

function digestOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
