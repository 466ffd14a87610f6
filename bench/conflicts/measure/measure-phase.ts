import { LatencySummary, summarizeLatencies } from '../../support/latency';
import { ClosedLoopRun, runClosedLoop } from '../load/closed-loop';
import { runPacedLoop } from '../load/paced-loop';
import { CpuSplit, startCpuSplit } from './cpu-split';
import { TailFigures } from './tail-probe';

/** A closed loop of so many in flight, or an open loop at a steady rate per second. */
export type PhaseLoad = { concurrency: number } | { rate: number };

export interface PhaseResult {
  operations: number;
  load: PhaseLoad;
  perSecond: number;
  latency: LatencySummary;
  errors: number;
  firstError?: string;
  /**
   * CPU per operation in µs: the bench database's backends, this Node process (the service's
   * code and the driver calling it), and the rest of the machine (kernel, anything else, steal).
   */
  cpuMicros: CpuSplit;
  /** Where the tail comes from, when the phase was probed (startTailProbe). */
  tail?: TailFigures & { startLate?: LatencySummary };
}

/**
 * Runs `warmUp` operations unmeasured at the same concurrency (JIT, plan and buffer caches, pool
 * connections; none for a steady rate, which follows a closed phase), then `measured` ones under
 * `load`, timing each and metering the CPU of the phase.
 */
export async function measurePhase<T>(
  databaseUrl: string,
  warmUp: readonly T[],
  measured: readonly T[],
  load: PhaseLoad,
  operation: (payload: T) => Promise<unknown>,
  probe?: () => () => TailFigures,
): Promise<PhaseResult> {
  const concurrency = 'concurrency' in load ? load.concurrency : 1;
  const warm = await runClosedLoop(warmUp.length, concurrency, (index) => operation(warmUp[index]));
  if (warm.errors > 0)
    throw new Error(`${warm.errors} of ${warmUp.length} warm-up operations failed: ${warm.firstError}`);
  const stopCpuMeter = await startCpuSplit(databaseUrl);
  const stopProbe = probe?.();
  const each = (index: number) => operation(measured[index]);
  const run: ClosedLoopRun =
    'rate' in load
      ? await runPacedLoop(measured.length, load.rate, each)
      : await runClosedLoop(measured.length, load.concurrency, each);
  const tail = stopProbe?.();
  const spent = await stopCpuMeter();
  const answered = Math.max(1, run.latenciesMs.length);
  return {
    operations: run.latenciesMs.length,
    load,
    perSecond: run.latenciesMs.length / (run.elapsedMs / 1000),
    latency: summarizeLatencies(run.latenciesMs),
    errors: run.errors,
    ...(run.firstError ? { firstError: run.firstError } : {}),
    ...(tail
      ? { tail: { ...tail, ...(run.startLateMs ? { startLate: summarizeLatencies(run.startLateMs) } : {}) } }
      : {}),
    cpuMicros: {
      postgres: spent.postgres / answered,
      node: spent.node / answered,
      other: spent.other / answered,
    },
  };
}
