import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { newRunRecord } from './faults/checkpoint';
import { FAULTS_USAGE, FaultsOptions, readFaultsOptions } from './faults/faults-options';
import { PartialHarness, setUpHarness, tearDownHarness } from './faults/harness-setup';
import { fullProfileFaults, shortProfileFaults } from './faults/injection/fault-catalogue';
import { LoadDriver } from './faults/load/load-driver';
import { FaultRow, renderFaultTable, renderViolations, rowPassed } from './faults/report/fault-table';
import { RSS_CEILING_MB } from './faults/soak/rss-slope';
import { renderSoak, runSoak } from './faults/soak/run-soak';
import { runFaults } from './faults/run-faults';

/** Flows running at once; beyond it a flow is shed (counted), so a stalled suite is not flooded later. */
const MAX_FLOWS_IN_FLIGHT = 48;

/**
 * `npm run test:faults`: the five apps as production runs them (two replicas of each backend) on
 * a Postgres cluster and a RabbitMQ node of the harness's own, every process behind TCP proxies;
 * a steady load through the public API; one fault after another, each followed by a checkpoint
 * of the invariants (docs/RELIABILITY.md). Prints a table; exits 1 when an invariant failed.
 */
async function main(): Promise<void> {
  let options: FaultsOptions;
  try {
    options = readFaultsOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${FAULTS_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const progress = (line: string) => console.error(`faults: ${line}`);
  const startedAt = Date.now();
  const loadAverageAtStart = loadavg()[0];
  const harness: PartialHarness = {};
  let flowErrors: string[] = [];
  const interrupted = () => {
    progress('interrupted, stopping the apps, the broker and the cluster');
    void tearDownHarness(harness, false, progress).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const expectedSeconds = options.soak ? options.durationSeconds + 900 : 3 * 3600;
    const ready = await setUpHarness(harness, progress, expectedSeconds);
    const driver = new LoadDriver(ready.world, MAX_FLOWS_IN_FLIGHT, (error) => {
      if (flowErrors.length < 20) flowErrors = [...flowErrors, error.stack ?? error.message];
    });
    const record = newRunRecord();
    let rows: FaultRow[];
    let soakText = '';
    let memoryOk = true;
    if (options.soak) {
      const soak = await runSoak(ready, driver, options, record, progress);
      rows = [soak.row];
      soakText = renderSoak(soak);
      memoryOk = soak.memory.every(({ trend }) => trend.maxMb <= RSS_CEILING_MB);
    } else {
      const faults = options.profile === 'short' ? shortProfileFaults() : fullProfileFaults();
      rows = await runFaults(ready, driver, faults, options, record, progress);
    }
    const loadAverageAtEnd = loadavg()[0];
    const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.versions.node}, ${await ready.postgres.version()}, RabbitMQ 3.10 own node; load average ${loadAverageAtStart.toFixed(2)} at start, ${loadAverageAtEnd.toFixed(2)} at end; ${Math.round((Date.now() - startedAt) / 1000)} s`;
    console.log(
      `\n${options.soak ? 'soak' : `profile ${options.profile}`}: ${options.rate} flows/s, hold ${options.holdSeconds} s; ${machine}\n`,
    );
    console.log(renderFaultTable(rows));
    if (soakText) console.log(`\n${soakText}`);
    const failures = renderViolations(rows);
    if (failures) console.log(`\nwhat failed:\n${failures}`);
    if (flowErrors.length > 0)
      console.log(`\nflows that threw (a harness bug, not a finding):\n${flowErrors.join('\n')}`);
    console.log(
      `FAULTS_RESULT ${JSON.stringify({
        profile: options.soak ? 'soak' : options.profile,
        rate: options.rate,
        loadAverageAtStart,
        loadAverageAtEnd,
        rows: rows.map((row) => ({
          ...row,
          errorsByStatus: Object.fromEntries(row.errorsByStatus),
          violations: row.violations.length,
        })),
      })}`,
    );
    const passed = rows.every(rowPassed) && memoryOk && flowErrors.length === 0;
    if (!memoryOk) console.log(`\nan app went over ${RSS_CEILING_MB} MB RSS`);
    console.log(passed ? '\nall invariants held' : '\nINVARIANTS FAILED');
    process.exitCode = passed ? 0 : 1;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await tearDownHarness(harness, options.keep, progress);
  }
}

main().catch((error: Error) => {
  console.error(`faults: the harness failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
