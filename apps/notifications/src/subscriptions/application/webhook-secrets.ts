import {
  InvalidWebhookSecretError,
  generateWebhookSecret,
  parseWebhookSecret,
} from '../../channels/domain/webhook-secret';

/** A `whsec_…` secret the channels can sign with: the caller's, checked, or a new one. */
export function webhookSecretOf(given: string | null): { secret: string } | { problem: string } {
  if (given === null) return { secret: generateWebhookSecret() };
  try {
    parseWebhookSecret(given);
    return { secret: given };
  } catch (error) {
    if (error instanceof InvalidWebhookSecretError) return { problem: (error as Error).message };
    throw error;
  }
}

export { generateWebhookSecret };
