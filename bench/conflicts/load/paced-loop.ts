import { nowMs } from '../../support/latency';
import { ClosedLoopRun } from './closed-loop';

/**
 * An open loop: operation i is due at start + i ÷ rate and starts then, whatever the earlier ones
 * are doing, and its latency counts from when it was due. A service slower than the rate shows as
 * growing latencies instead of a quietly lower rate (no coordinated omission).
 */
export async function runPacedLoop(
  total: number,
  ratePerSecond: number,
  operation: (index: number) => Promise<unknown>,
): Promise<ClosedLoopRun> {
  const intervalMs = 1000 / ratePerSecond;
  const latenciesMs: number[] = [];
  const startLateMs: number[] = [];
  const running: Promise<void>[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = nowMs();
  const start = (index: number) => {
    const due = started + index * intervalMs;
    startLateMs.push(nowMs() - due);
    running.push(
      operation(index).then(
        () => void latenciesMs.push(nowMs() - due),
        (error: Error) => {
          errors += 1;
          firstError ??= error.message;
        },
      ),
    );
  };
  let next = 0;
  while (next < total) {
    const now = nowMs();
    // Timers fire a millisecond late or more: start everything that has fallen due since.
    while (next < total && started + next * intervalMs <= now) start(next++);
    if (next < total) await sleep(started + next * intervalMs - nowMs());
  }
  await Promise.all(running);
  return { latenciesMs, elapsedMs: nowMs() - started, errors, firstError, startLateMs };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
