import { EnvReader } from '@envrefresh/config';
import { ServiceRuntimeConfig, readServiceRuntimeConfig } from '@envrefresh/platform';
import { OutboundConfig, readOutboundConfig } from '@envrefresh/outbound';
import { DeliverySettings } from './deliveries/application/notifications.settings';
import { DEFAULT_DELIVERY_RETRY_SCHEDULE, parseRetrySchedule } from './deliveries/domain/retry-schedule';

export interface NotificationsConfig extends ServiceRuntimeConfig {
  delivery: DeliverySettings;
  /** The policy every outbound call follows; subscriptions' targets are judged by it at creation. */
  outbound: OutboundConfig;
}

export function readNotificationsConfig(env: EnvReader): NotificationsConfig {
  const runtime = readServiceRuntimeConfig('notifications', env);
  const outbound = readOutboundConfig(env);
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
    outbound,
    delivery: {
      retrySchedule,
      emailEnabled: Boolean(env.optionalString('SMTP_URL')),
      sendTimeoutMs: outbound.timeoutMs,
      workers: env.int('DELIVERY_WORKERS', 4, { min: 1, max: 64 }),
      batchSize: env.int('DELIVERY_BATCH_SIZE', 5, { min: 1, max: 100 }),
      pollIntervalMs: env.int('DELIVERY_POLL_INTERVAL_MS', 500, { min: 20, max: 60_000 }),
    },
  };
}
