import { createHmac } from 'node:crypto';
import { parseWebhookSecret } from './webhook-secret';

export interface WebhookSignatureInput {
  /** The delivery's id, stable across retries (`webhook-id`). */
  id: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
  /** The exact bytes sent. */
  body: string;
  /** Every secret that signs now, newest first. */
  secrets: readonly string[];
}

/**
 * The two signature schemes of SPEC.md over the same key bytes: envrefresh's own
 * `x-envrefresh-signature: t=<unix>,v1=<hex>` (one `v1=` per secret during a rotation, as Stripe
 * does) and Standard Webhooks' `webhook-signature: v1,<base64>`, whose list of signatures is
 * space-delimited so that a receiver keeps verifying while a secret rotates.
 */
export function webhookSignatureHeaders(input: WebhookSignatureInput): Record<string, string> {
  if (input.secrets.length === 0) throw new Error('a webhook is signed with at least one secret');
  const keys = input.secrets.map(parseWebhookSecret);
  const t = String(input.timestamp);
  const own = keys.map((key) => `v1=${hmac(key, `${t}.${input.body}`).toString('hex')}`);
  const standard = keys.map((key) => `v1,${hmac(key, `${input.id}.${t}.${input.body}`).toString('base64')}`);
  return {
    'x-envrefresh-signature': [`t=${t}`, ...own].join(','),
    'webhook-id': input.id,
    'webhook-timestamp': t,
    'webhook-signature': standard.join(' '),
  };
}

function hmac(key: Buffer, content: string): Buffer {
  return createHmac('sha256', key).update(content, 'utf8').digest();
}
