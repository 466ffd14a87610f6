import { getOrCreateCounter, getOrCreateHistogram } from '@envrefresh/observability';

/** Counters shared by every messaging component of a process; labels stay low-cardinality. */
export const messagingMetrics = {
  published: getOrCreateCounter({
    name: 'messaging_published_total',
    help: 'Events published to the broker by the outbox relay and confirmed',
    labelNames: ['service', 'type'],
  }),
  publishFailures: getOrCreateCounter({
    name: 'messaging_publish_failures_total',
    help: 'Outbox rows whose publish was not confirmed and will be retried',
    labelNames: ['service'],
  }),
  unroutable: getOrCreateCounter({
    name: 'messaging_unroutable_total',
    help: 'Events returned by the broker because no queue was bound for their routing key',
    labelNames: ['service', 'type'],
  }),
  consumed: getOrCreateCounter({
    name: 'messaging_consumed_total',
    help: 'Events handled by a consumer, by outcome (processed, duplicate)',
    labelNames: ['consumer', 'type', 'outcome'],
  }),
  skipped: getOrCreateCounter({
    name: 'messaging_skipped_total',
    help: 'Events acknowledged without being handled: a version of a handled type that no handler declares (reason unknown_version)',
    labelNames: ['consumer', 'type', 'reason'],
  }),
  retried: getOrCreateCounter({
    name: 'messaging_retried_total',
    help: 'Events sent to a delayed retry queue after their handler failed',
    labelNames: ['consumer', 'type'],
  }),
  deadLettered: getOrCreateCounter({
    name: 'messaging_dead_lettered_total',
    help: 'Events sent to the dead-letter queue',
    labelNames: ['consumer', 'type', 'reason'],
  }),
  handlerSeconds: getOrCreateHistogram({
    name: 'messaging_handler_duration_seconds',
    help: 'Time to handle one event, inbox transaction included',
    labelNames: ['consumer', 'type'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
};
