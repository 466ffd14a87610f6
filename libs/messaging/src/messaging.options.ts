import { EnvReader, ServiceConfig } from '@envrefresh/config';
import { BrokerIdentity, brokerIdentity } from './identity/broker-identity';
import { DEFAULT_NUDGE_COALESCE_MS } from './outbox/outbox-relay';

export interface MessagingOptions {
  /** The service: the `source` of what it emits and the name of its queues and inbox rows. */
  service: string;
  amqpUrl: string;
  /** Who the service is on the broker, and whom it believes events from. */
  identity: BrokerIdentity;
  exchange: string;
  namespace: string;
  /** The schema holding this service's outbox and inbox; absent for a service that persists nothing. */
  schema?: string;
  relay: {
    enabled: boolean;
    batchSize: number;
    pollIntervalMs: number;
    publishTimeoutMs: number;
    maxBackoffMs: number;
    /** See OutboxRelayOptions.nudgeCoalesceMs. */
    nudgeCoalesceMs?: number;
  };
  consumer: {
    prefetch: number;
    retryDelaysMs: number[];
    deliveryLimit: number;
    batchSize: number;
    maxConcurrentBatches: number;
  };
  /** Days that published outbox rows and inbox rows are kept. */
  retentionDays: number;
  /** How long a projection waits for the owning service when it asks what it does not know yet (ADR 0014). */
  ownerQueryTimeoutMs: number;
}

/** A service's own defaults for how its consumer batches, where the shared ones do not suit it. */
export type ConsumerDefaults = Partial<
  Pick<MessagingOptions['consumer'], 'batchSize' | 'maxConcurrentBatches'>
>;

/** Tunables from the environment, with defaults that suit this workload. */
export function readMessagingOptions(
  config: ServiceConfig,
  env: EnvReader,
  schema?: string,
  consumerDefaults: ConsumerDefaults = {},
): MessagingOptions {
  const delays = env.string('MESSAGING_RETRY_DELAYS_MS', '1000,10000,60000');
  const retryDelaysMs = delays.split(',').map((part) => Number(part.trim()));
  if (retryDelaysMs.some((delay) => !Number.isInteger(delay) || delay <= 0)) {
    env.fail(`MESSAGING_RETRY_DELAYS_MS must be comma-separated positive milliseconds, got "${delays}"`);
  }
  return {
    service: config.app,
    amqpUrl: config.amqpUrl,
    identity: brokerIdentity(config.amqpUrl, config.amqpUsers),
    exchange: config.eventsExchange,
    namespace: config.amqpNamespace,
    schema,
    relay: {
      enabled: env.bool('OUTBOX_RELAY_ENABLED', true),
      batchSize: env.int('OUTBOX_BATCH_SIZE', 200, { min: 1, max: 5000 }),
      pollIntervalMs: env.int('OUTBOX_POLL_INTERVAL_MS', 500, { min: 10, max: 60000 }),
      publishTimeoutMs: env.int('OUTBOX_PUBLISH_TIMEOUT_MS', 5000, { min: 100, max: 120000 }),
      maxBackoffMs: env.int('OUTBOX_MAX_BACKOFF_MS', 5000, { min: 100, max: 300000 }),
      nudgeCoalesceMs: env.int('OUTBOX_NUDGE_COALESCE_MS', DEFAULT_NUDGE_COALESCE_MS, { min: 0, max: 1000 }),
    },
    consumer: {
      prefetch: env.int('MESSAGING_PREFETCH', 100, { min: 1, max: 1000 }),
      batchSize: env.int('MESSAGING_BATCH_SIZE', consumerDefaults.batchSize ?? 20, { min: 1, max: 500 }),
      maxConcurrentBatches: env.int('MESSAGING_CONCURRENCY', consumerDefaults.maxConcurrentBatches ?? 5, {
        min: 1,
        max: 100,
      }),
      retryDelaysMs,
      deliveryLimit: env.int('MESSAGING_DELIVERY_LIMIT', 20, { min: 1, max: 1000 }),
    },
    retentionDays: env.int('MESSAGING_RETENTION_DAYS', 7, { min: 1, max: 3650 }),
    ownerQueryTimeoutMs: env.int('OWNER_QUERY_TIMEOUT_MS', 2000, { min: 100, max: 60000 }),
  };
}
