import { EnvReader } from '@envrefresh/config';
import { ServiceRuntimeConfig, readServiceRuntimeConfig } from '@envrefresh/platform';
import { ChannelsConfig, readChannelsConfig } from './channels/channels.config';
import { DeliverySettings } from './deliveries/application/notifications.settings';
import { DEFAULT_DELIVERY_RETRY_SCHEDULE, parseRetrySchedule } from './deliveries/domain/retry-schedule';

/**
 * One worker holding twenty rows: as many calls in flight as four workers of five, but the
 * outcomes that finish while one settle runs are all recorded by the next, and the slots freed
 * meanwhile are claimed in one statement. Four workers of five cost the process about 40 % more
 * CPU per delivery in `bench:notifications` (docs/PERFORMANCE.md), in more, smaller transactions.
 */
export const DEFAULT_DELIVERY_WORKERS = 1;
export const DEFAULT_DELIVERY_BATCH_SIZE = 20;

export interface NotificationsConfig extends ServiceRuntimeConfig {
  delivery: DeliverySettings;
  /** SMTP, PUBLIC_URL and the outbound policy, which also judges subscriptions' targets at creation. */
  channels: ChannelsConfig;
}

export function readNotificationsConfig(env: EnvReader): NotificationsConfig {
  const runtime = readServiceRuntimeConfig('notifications', env);
  const channels = readChannelsConfig(env);
  let retrySchedule = parseRetrySchedule(DEFAULT_DELIVERY_RETRY_SCHEDULE);
  try {
    retrySchedule = parseRetrySchedule(
      env.string('DELIVERY_RETRY_SCHEDULE', DEFAULT_DELIVERY_RETRY_SCHEDULE),
    );
  } catch (error) {
    env.fail(`DELIVERY_RETRY_SCHEDULE: ${(error as Error).message}`);
  }
  return {
    ...runtime,
    channels,
    delivery: {
      retrySchedule,
      emailEnabled: channels.smtpUrl !== null,
      sendTimeoutMs: channels.outbound.timeoutMs,
      workers: env.int('DELIVERY_WORKERS', DEFAULT_DELIVERY_WORKERS, { min: 1, max: 64 }),
      batchSize: env.int('DELIVERY_BATCH_SIZE', DEFAULT_DELIVERY_BATCH_SIZE, { min: 1, max: 100 }),
      pollIntervalMs: env.int('DELIVERY_POLL_INTERVAL_MS', 500, { min: 20, max: 60_000 }),
    },
  };
}
