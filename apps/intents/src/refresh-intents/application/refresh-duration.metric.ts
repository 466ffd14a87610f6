import { IntentStatus } from '@envrefresh/contracts';
import { getOrCreateHistogram } from '@envrefresh/observability';
import { IntentState } from '../domain/refresh-intent';

/** The statuses a running refresh ends in; each is an `outcome` of the histogram. */
const REFRESH_OUTCOMES: readonly IntentStatus[] = ['COMPLETED', 'FAILED', 'ROLLED_BACK'];

const refreshDurationSeconds = getOrCreateHistogram({
  name: 'refresh_duration_seconds',
  help: 'From start to the end of a refresh (outcome COMPLETED, FAILED or ROLLED_BACK), by refresh type',
  labelNames: ['refresh_type', 'outcome'],
  buckets: [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400],
});

/**
 * Observes a refresh that just left IN_PROGRESS. A rollback after FAILED is not a second end:
 * the refresh ended when it failed.
 */
export function recordRefreshEnd(statusBefore: IntentStatus, after: IntentState, now: Date): void {
  if (statusBefore !== 'IN_PROGRESS' || !REFRESH_OUTCOMES.includes(after.status) || !after.startedAt) return;
  refreshDurationSeconds.observe(
    { refresh_type: after.refreshType, outcome: after.status },
    (now.getTime() - after.startedAt.getTime()) / 1000,
  );
}
