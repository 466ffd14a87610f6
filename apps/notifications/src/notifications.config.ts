import { EnvReader } from '@envrefresh/config';
import { ServiceRuntimeConfig, readServiceRuntimeConfig } from '@envrefresh/platform';
import { ChannelsConfig, readChannelsConfig } from './channels/channels.config';
import { DeliverySettings } from './deliveries/application/notifications.settings';
import { DEFAULT_DELIVERY_RETRY_SCHEDULE, parseRetrySchedule } from './deliveries/domain/retry-schedule';

/**
 * One worker with a hundred slots (destinations in flight): the outcomes that finish while one
 * recording runs are all recorded by the next, and the slots freed meanwhile are claimed in one
 * statement. Four workers of five cost the process about 40 % more CPU per delivery in
 * `bench:notifications` than one of twenty, in more, smaller transactions; one of a hundred took
 * its fan-out to a thousand webhooks from 1,095 to 1,620 deliveries/s, at a fifth less CPU per
 * delivery (docs/PERFORMANCE.md).
 */
export const DEFAULT_DELIVERY_WORKERS = 1;
export const DEFAULT_DELIVERY_BATCH_SIZE = 100;
/** What DELIVERY_WORKERS and DELIVERY_BATCH_SIZE may be (the bench's flags take the same). */
export const DELIVERY_WORKERS_RANGE = { min: 1, max: 64 } as const;
export const DELIVERY_BATCH_SIZE_RANGE = { min: 1, max: 500 } as const;
/**
 * A destination owed a backlog gets up to ten deliveries per lease, sent one after another and
 * recorded in one transaction: the claim, the recording and the relay's turn are shared by ten
 * calls instead of paid by each (bench:notifications' stream, docs/PERFORMANCE.md).
 */
export const DEFAULT_DELIVERY_RUN_LENGTH = 10;

export interface NotificationsConfig extends ServiceRuntimeConfig {
  delivery: DeliverySettings;
  /** SMTP, PUBLIC_URL and the outbound policy, which also judges subscriptions' targets at creation. */
  channels: ChannelsConfig;
}

/**
 * One event per consumer transaction. A fan-out is one INSERT whose trigger locks the
 * destinations' heads in sorted order (migration 1765000000400), and so is a settle: with one such
 * statement per transaction no two transactions can lock heads in opposite orders. Twenty events
 * to a transaction locked them event by event, so batches running side by side deadlocked and
 * queued for seconds behind each other when scheduling fired a backlog (fault runs of
 * 2026-12-02: a dozen deadlocks a run, lock waits cut at 10 s, a GET /deliveries timed out).
 */
const CONSUMER_DEFAULTS = { batchSize: 1 };

export function readNotificationsConfig(env: EnvReader): NotificationsConfig {
  const runtime = readServiceRuntimeConfig('notifications', env, CONSUMER_DEFAULTS);
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
      workers: env.int('DELIVERY_WORKERS', DEFAULT_DELIVERY_WORKERS, DELIVERY_WORKERS_RANGE),
      batchSize: env.int('DELIVERY_BATCH_SIZE', DEFAULT_DELIVERY_BATCH_SIZE, DELIVERY_BATCH_SIZE_RANGE),
      runLength: env.int('DELIVERY_RUN_LENGTH', DEFAULT_DELIVERY_RUN_LENGTH, { min: 1, max: 100 }),
      pollIntervalMs: env.int('DELIVERY_POLL_INTERVAL_MS', 500, { min: 20, max: 60_000 }),
    },
  };
}
