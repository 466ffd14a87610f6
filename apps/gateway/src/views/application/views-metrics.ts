import { getOrCreateCounter, getOrCreateHistogram } from '@envrefresh/observability';

/** Reads of GET /intents/{id} and GET /freeze: answered from memory (hit), by RPC (miss), or by RPC while fenced. */
export const viewReads = getOrCreateCounter({
  name: 'gateway_view_reads_total',
  help: 'Reads the gateway could answer from its views, by resource and outcome (hit, miss, fenced)',
  labelNames: ['resource', 'outcome'] as const,
});

export const barrierWaitSeconds = getOrCreateHistogram({
  name: 'gateway_views_barrier_wait_seconds',
  help: "How long a write's answer waited for every peer replica to drop what it changed",
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});

export const barrierTimeouts = getOrCreateCounter({
  name: 'gateway_views_barrier_timeouts_total',
  help: 'Writes answered before every peer replica acknowledged their invalidation (PROJECTION_CATCH_UP_WAIT_MS passed)',
});
