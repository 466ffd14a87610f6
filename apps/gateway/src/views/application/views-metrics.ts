import { getOrCreateCounter, getOrCreateGauge, getOrCreateHistogram } from '@envrefresh/observability';

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

/**
 * Whether this replica answers from memory (1 while its views queue flows, 0 while every read
 * goes by RPC), and how many peer replicas a write's barrier waits for; read at each scrape.
 */
export function trackViewsState(state: { serving(): boolean; peers(): number }): void {
  getOrCreateGauge({
    name: 'gateway_views_serving',
    help: 'Whether this gateway replica answers GET /intents/{id} and GET /freeze from memory (1) or by RPC (0)',
    collect() {
      this.set(state.serving() ? 1 : 0);
    },
  });
  getOrCreateGauge({
    name: 'gateway_views_peers',
    help: "Other gateway replicas this one has heard from lately: those a write's barrier waits for",
    collect() {
      this.set(state.peers());
    },
  });
}
