import { nowMs } from '../../support/latency';

export interface ClosedLoopRun {
  latenciesMs: number[];
  elapsedMs: number;
  errors: number;
  firstError?: string;
  /** Open loops only: how late each operation started after it was due (a busy event loop). */
  startLateMs?: number[];
}

/**
 * `total` operations, `concurrency` of them in flight at any time: each worker starts its next
 * operation as soon as the last one settled, so the rate is what the service sustains at that
 * concurrency and each latency includes the wait for a pooled connection.
 */
export async function runClosedLoop(
  total: number,
  concurrency: number,
  operation: (index: number) => Promise<unknown>,
): Promise<ClosedLoopRun> {
  const latenciesMs: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const started = nowMs();
      try {
        await operation(index);
        latenciesMs.push(nowMs() - started);
      } catch (error) {
        errors += 1;
        firstError ??= (error as Error).message;
      }
    }
  };
  const started = nowMs();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { latenciesMs, elapsedMs: nowMs() - started, errors, firstError };
}
