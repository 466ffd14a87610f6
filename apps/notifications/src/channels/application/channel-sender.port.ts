// apps/notifications/src/channels/application/channel-sender.port.ts
import type { EventEnvelope } from '@envrefresh/contracts'; // use the real envelope type's name

export type ChannelKind = 'EMAIL' | 'SLACK' | 'TEAMS' | 'WEBHOOK';

/**
 * Whether a channel's message is written for a reader (where, when in the environment's
 * timezone) and so needs `OutboundMessage.environment`; a webhook carries the event envelope
 * as it is.
 */
export function channelNeedsEnvironment(channel: ChannelKind): boolean {
  return channel !== 'WEBHOOK';
}

/** What the reader's environment is, for messages that say where and when in its timezone. */
export interface EnvironmentFacts {
  id: string;
  key: string;
  name: string;
  tier: string;
  timezone: string; // IANA
}

export interface OutboundMessage {
  /** The delivery's id: the Standard Webhooks `webhook-id`, stable across retries. */
  deliveryId: string;
  channel: ChannelKind;
  /** https URL for WEBHOOK/SLACK/TEAMS, an e-mail address for EMAIL. */
  target: string;
  /** WEBHOOK only: every `whsec_…` secret that signs now, newest first (two during a rotation). */
  secrets: readonly string[];
  event: EventEnvelope;
  /** Why this destination is told, person-readable ("holds booking … overlapping", …). */
  reasons: readonly string[];
  environment: EnvironmentFacts | null;
  /** 1 for the first attempt. */
  attempt: number;
}

export type AttemptOutcome =
  | { kind: 'SENT'; statusCode: number | null; durationMs: number }
  /** Worth trying again later: 5xx, 408, 429, timeouts, connection errors, breaker open. */
  | {
      kind: 'RETRY';
      statusCode: number | null;
      error: string;
      retryAfterMs: number | null;
      durationMs: number;
    }
  /** 410 from a webhook: the subscription must be disabled. */
  | { kind: 'GONE'; statusCode: 410; durationMs: number }
  /** Never worth retrying: refused by the SSRF policy, 4xx other than 408/410/429, bad target. */
  | { kind: 'REJECTED'; statusCode: number | null; error: string; durationMs: number };

export interface ChannelSender {
  /** Never throws: every failure is an outcome. Honors its own timeout; never blocks other destinations. */
  send(message: OutboundMessage): Promise<AttemptOutcome>;
}

/** Nest injection token for the ChannelSender that dispatches by `message.channel`. */
export const CHANNEL_SENDER = Symbol('CHANNEL_SENDER');
