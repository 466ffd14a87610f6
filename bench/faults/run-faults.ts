import { checkpoint, RunRecord } from './checkpoint';
import { FaultsOptions } from './faults-options';
import { Harness, NAMESPACE } from './harness-setup';
import { Fault, FaultContext } from './injection/fault-catalogue';
import { isSuccess } from './load/api-client';
import { LoadDriver } from './load/load-driver';
import { sleep, waitFor } from './own-services/own-process';
import { FaultRow } from './report/fault-table';
import { Violation } from './invariants/violation';

/** How long the suite may take to answer ready again after a fault is lifted. */
const READY_TIMEOUT_MS = 120_000;
/** The first row: steady load and no fault, so a failure there is the suite's, not a fault's. */
export const STEADY_PHASE = 'steady load, no fault';

function errorsOf(
  harness: Harness,
  phase: string,
): { requests: number; errorsByStatus: Map<number, number> } {
  const records = harness.log.records.filter((record) => record.phase === phase);
  const errorsByStatus = new Map<number, number>();
  for (const record of records) {
    if (isSuccess(record.status)) continue;
    errorsByStatus.set(record.status, (errorsByStatus.get(record.status) ?? 0) + 1);
  }
  return { requests: records.length, errorsByStatus };
}

/** Which routes answered what, for the progress log: the table counts statuses, this says where they came from. */
export function describeErrors(harness: Harness, phase: string): string {
  const byRoute = new Map<string, number>();
  for (const record of harness.log.records) {
    if (record.phase !== phase || isSuccess(record.status)) continue;
    const key = `${record.status} ${record.route}`;
    byRoute.set(key, (byRoute.get(key) ?? 0) + 1);
  }
  return [...byRoute.entries()]
    .sort(([, a], [, b]) => b - a)
    .slice(0, 6)
    .map(([key, count]) => `${key} ×${count}`)
    .join(', ');
}

function tell(progress: (line: string) => void, violations: readonly Violation[]): void {
  progress(`  ${violations.length === 0 ? 'all invariants hold' : `${violations.length} violations`}`);
  violations.slice(0, 8).forEach((item) => progress(`    [${item.invariant}] ${item.detail}`));
}

function enterPhase(harness: Harness, phase: string): void {
  harness.log.phase = phase;
  harness.receiver.phase = phase;
}

/** Steady load, then one fault after another, a checkpoint after each; one table row per phase. */
export async function runFaults(
  harness: Harness,
  driver: LoadDriver,
  faults: readonly Fault[],
  options: FaultsOptions,
  record: RunRecord,
  progress: (line: string) => void,
): Promise<FaultRow[]> {
  const rows: FaultRow[] = [];
  const context: FaultContext = {
    suite: harness.suite,
    broker: harness.broker,
    postgres: harness.postgres,
    receiver: harness.receiver,
    holdMs: options.holdSeconds * 1000,
    harnessAmqpUrl: harness.harnessAmqpUrl,
    namespace: NAMESPACE,
    boundTypes: async (consumer) =>
      (await harness.facts.consumers()).find((facts) => facts.consumer === consumer)?.boundTypes.slice() ??
      [],
    recordPoison: (published) => {
      for (const [consumer, count] of published)
        record.poisonPublished.set(consumer, (record.poisonPublished.get(consumer) ?? 0) + count);
    },
    progress,
  };

  enterPhase(harness, STEADY_PHASE);
  progress(
    `${STEADY_PHASE}: ${options.rate} flows/s for ${options.baselineSeconds + options.recoverySeconds} s`,
  );
  driver.setRate(options.rate);
  await sleep((options.baselineSeconds + options.recoverySeconds) * 1000);
  await driver.pause();
  const steady = await checkpoint(harness, record, progress);
  tell(progress, steady);
  rows.push({ fault: STEADY_PHASE, ...errorsOf(harness, STEADY_PHASE), readyAgainMs: 0, violations: steady });

  for (const fault of faults) {
    enterPhase(harness, fault.name);
    if (fault.mayRepeatWebhooks) record.phasesThatMayRepeatWebhooks.add(fault.name);
    driver.setRate(options.rate);
    await sleep(options.baselineSeconds * 1000);
    progress(`fault: ${fault.name}`);
    const faultAtMs = Date.now();
    await fault.inject(context);
    const ready = await waitFor(() => harness.suite.allReady(), READY_TIMEOUT_MS, 250);
    const readyAtMs = Date.now();
    record.windows.push({ phase: fault.name, faultAtMs, readyAtMs });
    if (!ready) (await harness.suite.notReady()).forEach((line) => progress(`  not ready: ${line}`));
    progress(
      `  ready again after ${((readyAtMs - faultAtMs) / 1000).toFixed(1)} s; recovery load for ${options.recoverySeconds} s`,
    );
    await sleep(options.recoverySeconds * 1000);
    await driver.pause();
    progress('  settling and checking the invariants');
    const settleFrom = Date.now();
    const violations = await checkpoint(harness, record, progress);
    progress(`  settled and checked in ${((Date.now() - settleFrom) / 1000).toFixed(1)} s`);
    const errors = describeErrors(harness, fault.name);
    if (errors) progress(`  errors: ${errors}`);
    rows.push({
      fault: fault.name,
      ...errorsOf(harness, fault.name),
      readyAgainMs: ready ? readyAtMs - faultAtMs : null,
      violations,
    });
    tell(progress, violations);
  }
  return rows;
}
