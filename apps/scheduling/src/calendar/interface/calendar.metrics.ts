import { getOrCreateHistogram } from '@envrefresh/observability';

const calendarQueryDuration = getOrCreateHistogram({
  name: 'calendar_query_duration_seconds',
  help: 'Time to answer a calendar (JSON or a feed), by kind and outcome',
  labelNames: ['kind', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});

/** Runs one calendar answer, recording how long it took and whether it succeeded. */
export async function timeCalendarQuery<T>(kind: 'json' | 'feed', work: () => Promise<T>): Promise<T> {
  const end = calendarQueryDuration.startTimer({ kind });
  try {
    const result = await work();
    end({ outcome: 'ok' });
    return result;
  } catch (error) {
    end({ outcome: 'error' });
    throw error;
  }
}
