import { randomBytes } from 'node:crypto';

/** `whsec_` + base64 of the key bytes: the Standard Webhooks form, which its libraries accept as is. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
export const WEBHOOK_SECRET_MIN_BYTES = 24;
export const WEBHOOK_SECRET_MAX_BYTES = 64;
const GENERATED_SECRET_BYTES = 32;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A `whsec_` value that cannot sign: the field is named by whoever reports it (e.g. `secret`). */
export class InvalidWebhookSecretError extends Error {
  readonly code = 'WEBHOOK_SECRET.INVALID';

  constructor(reason: string) {
    super(`the webhook secret ${reason}`);
    this.name = 'InvalidWebhookSecretError';
  }
}

/** A new secret of 32 random bytes, shown to its owner once. */
export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(GENERATED_SECRET_BYTES).toString('base64');
}

/** The HMAC key bytes of a `whsec_…` secret; throws InvalidWebhookSecretError on anything else. */
export function parseWebhookSecret(secret: string): Buffer {
  if (typeof secret !== 'string' || !secret.startsWith(WEBHOOK_SECRET_PREFIX))
    throw new InvalidWebhookSecretError(`must start with "${WEBHOOK_SECRET_PREFIX}"`);
  const encoded = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!BASE64.test(encoded) || encoded.length % 4 !== 0)
    throw new InvalidWebhookSecretError(`must be "${WEBHOOK_SECRET_PREFIX}" followed by base64`);
  const key = Buffer.from(encoded, 'base64');
  if (key.length < WEBHOOK_SECRET_MIN_BYTES || key.length > WEBHOOK_SECRET_MAX_BYTES)
    throw new InvalidWebhookSecretError(
      `must hold ${WEBHOOK_SECRET_MIN_BYTES} to ${WEBHOOK_SECRET_MAX_BYTES} bytes, not ${key.length}`,
    );
  return key;
}
