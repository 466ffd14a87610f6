import 'reflect-metadata';
import { cpus } from 'node:os';
import { Logger } from '@nestjs/common';
import { measureAmqpCeiling } from './ceilings/amqp-publish.ceiling';
import { measurePostgresCeiling } from './ceilings/postgres-transaction.ceiling';
import { OutboxPipeline } from './pipeline/outbox-pipeline';
import { BenchBroker, openBenchBroker } from './support/bench-broker';
import { BenchDatabase, createBenchDatabase } from './support/bench-database';
import { BENCH_USAGE, BenchOptions, readBenchOptions } from './support/bench-options';
import { BenchResult, renderJsonLine, renderTable } from './support/bench-report';

/**
 * `npm run bench:messaging`: the raw broker and database ceilings of this machine, then the
 * outbox → relay → exchange → consumer pipeline measured against them in the same run, so the
 * ratio holds even though absolute figures move 20–50% from run to run.
 */
async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = readBenchOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n${BENCH_USAGE}`);
    process.exitCode = 2;
    return;
  }
  // The library logs connections and reconnections; the table is the output here.
  Logger.overrideLogger(['error', 'warn']);
  const progress = (step: string) => console.error(`bench: ${step}`);

  let database: BenchDatabase | undefined;
  let broker: BenchBroker | undefined;
  let pipeline: OutboxPipeline | undefined;
  // Ctrl-C must not leave a database and queues behind; open sockets die with the process.
  const interrupted = () => {
    progress('interrupted, deleting what this run created');
    void Promise.allSettled([broker?.cleanUp(), database?.drop()]).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    database = await createBenchDatabase(options.databaseUrl);
    broker = await openBenchBroker(options.amqpUrl);
    progress(`database ${database.name}, namespace ${broker.namespace}`);

    progress(`AMQP ceiling: ${options.rawMessages} messages`);
    const amqp = await measureAmqpCeiling(
      options.amqpUrl,
      broker,
      options.rawMessages,
      options.publishWindow,
    );
    progress(`Postgres ceiling: ${options.rawTransactions} transactions`);
    const postgres = await measurePostgresCeiling(database.url, options.rawTransactions);

    pipeline = await OutboxPipeline.open({ ...options, databaseUrl: database.url, broker });
    const warmUp = Math.min(500, Math.ceil(options.events / 10));
    progress(`pipeline warm-up: ${warmUp} events`);
    await pipeline.drive(warmUp);
    progress(`pipeline: ${options.events} events, ${options.producers} producers`);
    const run = await pipeline.drive(options.events);
    await pipeline.verify(warmUp + options.events);

    const result: BenchResult = {
      machine: {
        cpus: cpus().length,
        node: process.versions.node,
        postgres: database.serverVersion,
        rabbitmq: broker.serverVersion,
      },
      options,
      amqp,
      postgres,
      pipeline: run,
    };
    console.log(renderTable(result));
    console.log(renderJsonLine(result));
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await pipeline
      ?.close()
      .catch((error: Error) => console.error(`bench: closing the pipeline failed: ${error.message}`));
    await broker
      ?.cleanUp()
      .catch((error: Error) =>
        console.error(`bench: deleting ${broker?.namespace}.* failed: ${error.message}`),
      );
    await database
      ?.drop()
      .catch((error: Error) => console.error(`bench: dropping ${database?.name} failed: ${error.message}`));
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
