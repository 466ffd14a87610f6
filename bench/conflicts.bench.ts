import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import {
  CONFLICTS_BENCH_USAGE,
  ConflictsBenchOptions,
  readConflictsBenchOptions,
} from './conflicts/conflicts-options';
import {
  ConflictsBenchResult,
  renderConflictsJsonLine,
  renderConflictsTable,
} from './conflicts/conflicts-report';
import { BENCH_ACTOR, checkPayloads, slotSearchPayloads } from './conflicts/load/payloads';
import { measureFloor } from './conflicts/measure/floor';
import { measurePhase } from './conflicts/measure/measure-phase';
import { startTailProbe } from './conflicts/measure/tail-probe';
import { splitChecks, splitSlotSearches } from './conflicts/measure/time-split';
import { Random } from './conflicts/random';
import { benchCalendar } from './conflicts/seed/bench-calendar';
import { seedWorld } from './conflicts/seed/seed-world';
import { DetectionService, startDetectionService } from './conflicts/service/detection-service';
import { BenchDatabase, createBenchDatabase } from './support/bench-database';

/**
 * `npm run bench:conflicts`: the conflicts service's dry-run check and free-slot search over two
 * years of a 10,000-environment world, next to the bare GiST lookup they are built on, measured in
 * the same run on the same machine.
 */
async function main(): Promise<void> {
  let options: ConflictsBenchOptions;
  try {
    options = readConflictsBenchOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n${CONFLICTS_BENCH_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const progress = (step: string) => console.error(`bench: ${step}`);
  const loadAverageAtStart = loadavg()[0];
  let database: BenchDatabase | undefined;
  let service: DetectionService | undefined;

  const cleanUp = async () => {
    await service?.close().catch((error: Error) => progress(`closing the service failed: ${error.message}`));
    if (database && options.keepDatabase) {
      progress(
        `kept database ${database.name} (--keep-database): drop it with DROP DATABASE "${database.name}"`,
      );
      return;
    }
    await database
      ?.drop()
      .catch((error: Error) => progress(`dropping ${database?.name} failed: ${error.message}`));
  };
  // Ctrl-C must not leave a database of a few hundred megabytes behind.
  const interrupted = () => {
    progress('interrupted, dropping what this run created');
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    database = await createBenchDatabase(options.databaseUrl);
    progress(`database ${database.name}: seeding`);
    const world = await seedWorld(database.url, options, benchCalendar(), options.seed, (step) =>
      progress(`seeding: ${step}`),
    );
    service = await startDetectionService(database.url, options.poolSize);
    const detection = service;

    const checkWarmUp = checkPayloads(world, options.warmUpChecks, new Random(options.seed + 1));
    const checks = checkPayloads(world, options.checks, new Random(options.seed + 2));
    progress(
      `${options.checks} checks after ${options.warmUpChecks} of warm-up, ${options.concurrency} in flight`,
    );
    const checkPhase = await measurePhase(
      database.url,
      checkWarmUp,
      checks,
      { concurrency: options.concurrency },
      (payload) => detection.checks.check(BENCH_ACTOR, payload),
    );
    progress(`${options.checks} checks at a steady ${options.pacedRate} per second`);
    const pacedPhase = await measurePhase(
      database.url,
      [],
      checkPayloads(world, options.checks, new Random(options.seed + 7)),
      { rate: options.pacedRate },
      (payload) => detection.checks.check(BENCH_ACTOR, payload),
      () => startTailProbe(detection.dataSource),
    );

    const slotWarmUpCount = Math.ceil(options.slotSearches / 10);
    const searches = slotSearchPayloads(
      world,
      slotWarmUpCount + options.slotSearches,
      options.slotDays,
      new Random(options.seed + 3),
    );
    progress(
      `${options.slotSearches} ${options.slotDays}-day slot searches after ${slotWarmUpCount} of warm-up, ${options.slotConcurrency} in flight`,
    );
    const slotPhase = await measurePhase(
      database.url,
      searches.slice(0, slotWarmUpCount),
      searches.slice(slotWarmUpCount),
      { concurrency: options.slotConcurrency },
      (payload) => detection.freeSlots.find(BENCH_ACTOR, payload),
    );

    progress(`${options.floorLookups} bare GiST lookups, ${options.concurrency} in flight`);
    const floorPhase = await measureFloor(
      database.url,
      options.poolSize,
      options.concurrency,
      checkWarmUp,
      checkPayloads(world, options.floorLookups, new Random(options.seed + 4)),
    );

    let checkSplit;
    let slotSplit;
    if (options.splitSamples > 0) {
      progress(`timing the parts of ${options.splitSamples} checks and searches, one at a time`);
      checkSplit = await splitChecks(
        detection.dataSource,
        detection.loader,
        detection.ruleSet,
        checkPayloads(world, options.splitSamples, new Random(options.seed + 5)),
      );
      slotSplit = await splitSlotSearches(
        detection.dataSource,
        detection.loader,
        detection.ruleSet,
        slotSearchPayloads(
          world,
          Math.ceil(options.splitSamples / 3),
          options.slotDays,
          new Random(options.seed + 6),
        ),
      );
    }

    const result: ConflictsBenchResult = {
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        node: process.versions.node,
        postgres: database.serverVersion,
        loadAverageAtStart,
      },
      options,
      world,
      checks: checkPhase,
      pacedChecks: pacedPhase,
      slotSearches: slotPhase,
      floor: floorPhase,
      ...(checkSplit ? { checkSplit } : {}),
      ...(slotSplit ? { slotSplit } : {}),
    };
    console.log(renderConflictsTable(result));
    console.log(renderConflictsJsonLine(result));
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await cleanUp();
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
