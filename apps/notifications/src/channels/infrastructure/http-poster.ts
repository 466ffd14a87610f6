import { OutboundClient } from '@envrefresh/outbound';
import { AttemptOutcome } from '../application/channel-sender.port';
import { outcomeOfError, outcomeOfStatus } from './http-outcome';
import { OriginBreakers } from './origin-breakers';

/**
 * POSTs one JSON body through the outbound client (SSRF policy, no redirects, deadline, size
 * cap) behind its origin's breaker, and says what came of it. Never throws.
 */
export class HttpPoster {
  constructor(
    private readonly client: OutboundClient,
    private readonly breakers: OriginBreakers,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async post(url: string, body: string, headers: Record<string, string>): Promise<AttemptOutcome> {
    const started = Date.now();
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return { kind: 'REJECTED', statusCode: null, error: 'the target is not a valid URL', durationMs: 0 };
    }
    try {
      return await this.breakers.run(origin, async () => {
        try {
          const response = await this.client.send({
            url,
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'user-agent': 'envrefresh-notifications',
              ...headers,
            },
            body,
          });
          return outcomeOfStatus(response.status, response.headers, Date.now() - started, this.now());
        } catch (error) {
          return outcomeOfError(error, Date.now() - started);
        }
      });
    } catch (error) {
      return outcomeOfError(error, Date.now() - started);
    }
  }
}
