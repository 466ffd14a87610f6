import { getOrCreateCounter, getOrCreateHistogram } from '@envrefresh/observability';

/** One set per process; `worker` names the use (outbox, schedule-jobs, deliveries). */
export const dueRowMetrics = {
  claimed: getOrCreateCounter({
    name: 'due_rows_claimed_total',
    help: 'Rows a due-row worker claimed (locked or leased) to run',
    labelNames: ['service', 'worker'],
  }),
  done: getOrCreateCounter({
    name: 'due_rows_done_total',
    help: 'Claimed rows whose handler succeeded and whose outcome was recorded',
    labelNames: ['service', 'worker'],
  }),
  failed: getOrCreateCounter({
    name: 'due_rows_failed_total',
    help: 'Claimed rows whose handler failed; they are due again after the back-off',
    labelNames: ['service', 'worker'],
  }),
  lost: getOrCreateCounter({
    name: 'due_rows_lease_lost_total',
    help: 'Leased rows whose lease ran out and passed to another worker before this one recorded the outcome',
    labelNames: ['service', 'worker'],
  }),
  renewed: getOrCreateCounter({
    name: 'due_rows_lease_renewed_total',
    help: 'Leases renewed because the row had run and its outcome was still waiting to be recorded',
    labelNames: ['service', 'worker'],
  }),
  lagSeconds: getOrCreateHistogram({
    name: 'due_rows_lag_seconds',
    help: 'Time from a row falling due to a worker claiming it',
    labelNames: ['service', 'worker'],
    buckets: [0.005, 0.025, 0.1, 0.5, 1, 5, 30, 60, 300, 3600, 86400],
  }),
};
