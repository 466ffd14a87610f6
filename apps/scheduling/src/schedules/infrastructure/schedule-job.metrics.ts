import { getOrCreateGauge, getOrCreateHistogram } from '@envrefresh/observability';

/** A pending job due longer ago than this is late: the worker should have fired it by now. */
export const LATE_AFTER_SECONDS = 10;

export interface JobBacklog {
  pending: number;
  due: number;
  late: number;
}

let source: (() => Promise<JobBacklog>) | undefined;

function gauge(name: string, help: string, pick: (backlog: JobBacklog) => number): void {
  // Read at scrape time, so the figure is the database's, not a stale copy.
  getOrCreateGauge({
    name,
    help,
    async collect() {
      const backlog = await source?.().catch(() => undefined);
      if (backlog) this.set(pick(backlog));
    },
  });
}

gauge('scheduling_jobs_pending', 'Jobs not yet fired, skipped or cancelled', (backlog) => backlog.pending);
gauge('scheduling_jobs_due', 'Pending jobs whose moment has come', (backlog) => backlog.due);
gauge(
  'scheduling_jobs_late',
  `Pending jobs due more than ${LATE_AFTER_SECONDS} s ago (the worker is behind or down)`,
  (backlog) => backlog.late,
);

export const firingLagSeconds = getOrCreateHistogram({
  name: 'scheduling_job_firing_lag_seconds',
  help: 'firedAt - dueAt of each fired job',
  labelNames: ['kind'],
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 60, 600, 3600, 86400],
});

/** The backlog the gauges show; one source per process (the app's worker). */
export function registerJobBacklog(read: () => Promise<JobBacklog>): () => void {
  source = read;
  return () => {
    if (source === read) source = undefined;
  };
}
