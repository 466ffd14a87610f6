import { EnvReader } from '@envrefresh/config';
import { OutboundConfig, readOutboundConfig } from '@envrefresh/outbound';
import { BreakerSettings, DEFAULT_BREAKER_SETTINGS } from './infrastructure/origin-breakers';

export interface ChannelsConfig {
  /** SMTP_URL: smtp:// or smtps:// with credentials if any; without it nothing is e-mailed. */
  smtpUrl: string | null;
  /** SMTP_FROM: the From of every e-mail and the ORGANIZER of its invitation. */
  smtpFrom: string;
  /** PUBLIC_URL: where readers reach the API (links in messages). */
  publicUrl: string;
  /** OUTBOUND_*: the policy every webhook, Slack and Teams call follows (libs/outbound). */
  outbound: OutboundConfig;
  /** DELIVERY_BREAKER_RESET, DELIVERY_BREAKER_MIN_ATTEMPTS: when a failing destination is left alone. */
  breaker: BreakerSettings;
}

export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

export function readChannelsConfig(env: EnvReader): ChannelsConfig {
  const smtpUrl = env.optionalString('SMTP_URL')
    ? env.url('SMTP_URL', ['smtp', 'smtps'], { example: 'smtp://user:password@mail.example.com:587' })
    : null;
  const publicUrl = env.url('PUBLIC_URL', ['https', 'http'], {
    fallback: DEFAULT_PUBLIC_URL,
    example: 'https://envrefresh.example.com',
  });
  const host = hostOf(publicUrl);
  const smtpFrom = env.string('SMTP_FROM', `envrefresh <envrefresh@${host}>`);
  return {
    smtpUrl,
    smtpFrom,
    publicUrl,
    outbound: readOutboundConfig(env),
    breaker: {
      ...DEFAULT_BREAKER_SETTINGS,
      resetTimeoutMs: env.durationMs('DELIVERY_BREAKER_RESET', 'PT30S', { minMs: 100, maxMs: 3_600_000 }),
      volumeThreshold: env.int('DELIVERY_BREAKER_MIN_ATTEMPTS', DEFAULT_BREAKER_SETTINGS.volumeThreshold, {
        min: 1,
        max: 1000,
      }),
    },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}
