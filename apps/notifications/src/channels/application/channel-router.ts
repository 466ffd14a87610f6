import { AttemptOutcome, ChannelKind, ChannelSender, OutboundMessage } from './channel-sender.port';

/** Called after every attempt, e.g. to record its latency. */
export type AttemptObserver = (message: OutboundMessage, outcome: AttemptOutcome) => void;

/**
 * The ChannelSender core's worker calls: hands each message to its channel's sender and turns
 * anything a sender throws into an outcome, so `send` never throws.
 */
export class ChannelRouter implements ChannelSender {
  constructor(
    private readonly senders: Record<ChannelKind, ChannelSender>,
    private readonly observe: AttemptObserver = () => undefined,
  ) {}

  async send(message: OutboundMessage): Promise<AttemptOutcome> {
    const started = Date.now();
    const sender = this.senders[message.channel] as ChannelSender | undefined;
    let outcome: AttemptOutcome;
    if (!sender) {
      outcome = {
        kind: 'REJECTED',
        statusCode: null,
        error: `unknown channel ${String(message.channel)}`,
        durationMs: 0,
      };
    } else {
      try {
        outcome = await sender.send(message);
      } catch (error) {
        outcome = {
          kind: 'RETRY',
          statusCode: null,
          error: `the ${message.channel} sender failed: ${(error as Error)?.message ?? String(error)}`,
          retryAfterMs: null,
          durationMs: Date.now() - started,
        };
      }
    }
    this.observe(message, outcome);
    return outcome;
  }
}
