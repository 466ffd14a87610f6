import { AttemptOutcome, ChannelSender, OutboundMessage } from '../application/channel-sender.port';
import { InvalidWebhookSecretError } from '../domain/webhook-secret';
import { webhookSignatureHeaders } from '../domain/webhook-signature';
import { HttpPoster } from './http-poster';

/** The event envelope itself, as JSON, signed by every current secret both ways (SPEC.md). */
export class WebhookSender implements ChannelSender {
  constructor(
    private readonly poster: HttpPoster,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: OutboundMessage): Promise<AttemptOutcome> {
    if (message.secrets.length === 0)
      return { kind: 'REJECTED', statusCode: null, error: 'a webhook needs a signing secret', durationMs: 0 };
    const body = JSON.stringify(message.event);
    let headers: Record<string, string>;
    try {
      headers = webhookSignatureHeaders({
        id: message.deliveryId,
        timestamp: Math.floor(this.now().getTime() / 1000),
        body,
        secrets: message.secrets,
      });
    } catch (error) {
      if (error instanceof InvalidWebhookSecretError)
        return { kind: 'REJECTED', statusCode: null, error: error.message, durationMs: 0 };
      throw error;
    }
    return this.poster.post(message.target, body, headers);
  }
}
