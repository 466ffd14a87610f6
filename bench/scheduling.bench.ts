import 'reflect-metadata';
import { loadavg } from 'node:os';
import { createServiceDataSource, runMigrations } from '@envrefresh/persistence';
import { SCHEDULING_MIGRATIONS } from '../apps/scheduling/src/migrations';
import { FiringPhase, measureFiring, measureRawOutboxInserts } from './scheduling/measure-firing';
import {
  SCHEDULING_BENCH_USAGE,
  SchedulingBenchOptions,
  readSchedulingBenchOptions,
} from './scheduling/scheduling-options';
import { seedSchedules } from './scheduling/seed-schedules';
import { BenchDatabase, createBenchDatabase } from './support/bench-database';

/**
 * `npm run bench:scheduling`: the scheduling service's job firing over a seeded table of
 * `--schedules` schedules (five jobs each), with 1 and 3 replicas: throughput of jobs due at once
 * beside the bare outbox-insert rate measured in the same run, and firing lag at a due rate.
 * Room for more phases (the calendar and its feeds) beside `firing` in the result.
 */
export interface SchedulingBenchResult {
  options: Omit<SchedulingBenchOptions, 'databaseUrl'>;
  serverVersion: string;
  loadAverageAtStart: number;
  seedSeconds: number;
  rawOutboxInsertsPerSecond: number;
  firing: FiringPhase[];
}

async function main(): Promise<void> {
  let options: SchedulingBenchOptions;
  try {
    options = readSchedulingBenchOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n${SCHEDULING_BENCH_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const needed = options.dueJobs * 2 * options.replicas.length;
  if (options.schedules < needed) {
    console.error(`--schedules must be at least ${needed}: each phase fires START jobs of its own schedules`);
    process.exitCode = 2;
    return;
  }
  const progress = (step: string) => console.error(`bench: ${step}`);
  const loadAverageAtStart = loadavg()[0];
  let database: BenchDatabase | undefined;
  const cleanUp = async () => {
    if (database && options.keepDatabase) return progress(`kept database ${database.name} (--keep-database)`);
    await database
      ?.drop()
      .catch((error: Error) => progress(`dropping ${database?.name} failed: ${error.message}`));
  };
  const interrupted = () => {
    progress('interrupted, dropping what this run created');
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    database = await createBenchDatabase(options.databaseUrl);
    const target = { url: database.url, schema: 'scheduling', applicationName: 'bench-scheduling' };
    await runMigrations({ ...target, migrations: SCHEDULING_MIGRATIONS });
    const dataSource = await createServiceDataSource({ ...target, poolSize: 4 }).initialize();
    try {
      progress(`seeding ${options.schedules} schedules (${options.schedules * 5} jobs)`);
      const seedStarted = Date.now();
      await seedSchedules(dataSource, options.schedules);
      const seedSeconds = (Date.now() - seedStarted) / 1000;
      progress(`raw outbox inserts: ${options.rawOutboxRows} rows`);
      const rawOutboxInsertsPerSecond = await measureRawOutboxInserts(
        dataSource,
        options.rawOutboxRows,
        options.batchSize,
      );
      const firing: FiringPhase[] = [];
      for (const [index, replicas] of options.replicas.entries()) {
        progress(
          `firing with ${replicas} replica(s): ${options.dueJobs} due at once, then at ${options.dueRate}/s`,
        );
        firing.push(
          await measureFiring(
            dataSource,
            database.url,
            { ...options, replicas, jobs: options.dueJobs },
            1 + index * 2 * options.dueJobs,
          ),
        );
      }
      const { databaseUrl: _url, ...shown } = options;
      const result: SchedulingBenchResult = {
        options: shown,
        serverVersion: database.serverVersion,
        loadAverageAtStart,
        seedSeconds,
        rawOutboxInsertsPerSecond,
        firing,
      };
      console.log(renderTable(result));
      console.log(JSON.stringify(result));
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await cleanUp();
  }
}

function renderTable(result: SchedulingBenchResult): string {
  const lines = [
    `scheduling bench: ${result.options.schedules} schedules seeded in ${result.seedSeconds.toFixed(1)} s, Postgres ${result.serverVersion}, load ${result.loadAverageAtStart.toFixed(2)} at start`,
    `raw outbox inserts: ${result.rawOutboxInsertsPerSecond.toFixed(0)} rows/s (transactions of ${result.options.batchSize})`,
    'replicas | due at once: jobs/s | at rate/s | lag p50 ms | lag p99 ms | lag max ms',
  ];
  for (const phase of result.firing) {
    lines.push(
      `${phase.replicas} | ${phase.jobsPerSecond.toFixed(0)} | ${phase.dueRate} | ${phase.lag.p50Ms.toFixed(0)} | ${phase.lag.p99Ms.toFixed(0)} | ${phase.lag.maxMs.toFixed(0)}`,
    );
  }
  return lines.join('\n');
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
