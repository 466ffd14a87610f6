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
    const attempt = async (): Promise<AttemptOutcome> => {
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
    };
    const origin = httpOriginOf(url);
    // A target that is not an http(s) URL has no origin to guard: the client refuses it at once.
    if (!origin) return attempt();
    try {
      return await this.breakers.run(origin, attempt);
    } catch (error) {
      return outcomeOfError(error, Date.now() - started);
    }
  }
}

function httpOriginOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
