import { CIRCUIT_STATE_VALUE, getOrCreateGauge, getOrCreateHistogram } from '@envrefresh/observability';

/**
 * Attempt latency by channel and outcome, and the state of each destination's breaker. The
 * breaker is labelled by host only: a Slack or Teams URL's path is its secret.
 */
export const channelMetrics = {
  attemptSeconds: getOrCreateHistogram({
    name: 'notifications_channel_attempt_duration_seconds',
    help: 'Time of one delivery attempt by channel and outcome (SENT, RETRY, GONE, REJECTED)',
    labelNames: ['channel', 'outcome'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  }),
  breakerOpen: getOrCreateGauge({
    name: 'notifications_channel_breaker_state',
    help: 'Circuit breaker of a destination host: 0 closed, 1 half open, 2 open',
    labelNames: ['host'],
  }),
};

export const BREAKER_STATE_VALUE = CIRCUIT_STATE_VALUE;
