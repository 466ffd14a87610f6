import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { namespaceNames } from '@envrefresh/testing';
import { measureLoad } from './api/load/measure-load';
import { LoadResult } from './api/load/load-result';
import { migrateSuite, startSuite, stopApps } from './api/support/api-suite';
import { createBenchTokens } from './api/support/bench-tokens';
import { ChildApp } from './api/support/child-app';
import {
  CALENDAR_BENCH_USAGE,
  CalendarBenchOptions,
  readCalendarBenchOptions,
} from './calendar/calendar-options';
import { seedCalendar } from './calendar/calendar-seed';
import { BenchBroker, openBenchBroker } from './support/bench-broker';
import { BenchDatabase, createBenchDatabase } from './support/bench-database';

/**
 * `npm run bench:calendar`: the five apps as production runs them; one environment with about
 * `--entries` calendar entries (bookings and a weekly blackout); then `GET /calendar` of one month
 * for that environment and the feed (`GET /calendar.ics`) of one user holding all of them, each
 * a closed loop of `--connections`. Prints a table and a JSON line.
 */
async function main(): Promise<void> {
  let options: CalendarBenchOptions;
  try {
    options = readCalendarBenchOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n${CALENDAR_BENCH_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const progress = (step: string) => console.error(`bench: ${step}`);
  const loadAverageAtStart = loadavg()[0];
  const tokens = createBenchTokens();
  const children: ChildApp[] = [];
  let database: BenchDatabase | undefined;
  let broker: BenchBroker | undefined;
  const cleanUp = async () => {
    await stopApps(children);
    await broker?.cleanUp().catch((error: Error) => progress(`deleting queues failed: ${error.message}`));
    await database
      ?.drop()
      .catch((error: Error) => progress(`dropping the database failed: ${error.message}`));
  };
  const interrupted = () => void cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    database = await createBenchDatabase(options.databaseUrl);
    broker = await openBenchBroker(options.amqpUrl);
    const names = namespaceNames(broker.namespace);
    names.queues.forEach((queue) => broker!.track('queue', queue));
    names.exchanges.forEach((exchange) => broker!.track('exchange', exchange));
    const settings = {
      databaseUrl: database.url,
      amqpUrl: options.amqpUrl,
      namespace: broker.namespace,
      jwtSecret: tokens.secret,
      logLevel: 'warn',
    };
    await migrateSuite(settings);
    progress('starting the five apps');
    const suite = await startSuite(settings, (app) => children.push(app));
    progress(`seeding ${options.entries} calendar entries`);
    const fixtures = await seedCalendar(suite.gatewayUrl, tokens, options.entries);
    const phases = { warmUpSeconds: options.warmUpSeconds, durationSeconds: options.durationSeconds };
    const cpu = suite.apps.map((app) => ({ name: app.name, pid: app.child.pid }));
    const query = new URLSearchParams({ ...fixtures.month, environmentId: fixtures.environmentId });
    const month = await measureLoad(
      {
        title: 'GET /calendar (one month, one environment)',
        url: suite.gatewayUrl,
        connections: options.connections,
        request: () => ({
          method: 'GET',
          path: `/api/v1/calendar?${query}`,
          headers: { authorization: `Bearer ${tokens.requester}` },
        }),
      },
      phases,
      cpu,
    );
    progress('GET /calendar.ics');
    const feed = await measureLoad(
      {
        title: `GET /calendar.ics (${options.entries} entries)`,
        url: suite.gatewayUrl,
        connections: options.connections,
        request: () => ({
          method: 'GET',
          path: `/api/v1/calendar.ics?token=${encodeURIComponent(fixtures.feedToken)}`,
          headers: {},
        }),
      },
      phases,
      cpu,
    );
    const machine = { cpus: cpus().length, node: process.versions.node, loadAverageAtStart };
    console.log(renderTable([month, feed]));
    console.log(
      JSON.stringify({
        bench: 'calendar',
        machine,
        options: { ...options, databaseUrl: undefined },
        month,
        feed,
      }),
    );
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await cleanUp();
  }
}

function renderTable(results: LoadResult[]): string {
  const rows = results.map(
    (result) =>
      `| ${result.title} | ${result.connections} | ${result.requestsPerSecond.toFixed(0)} | ${result.p50Ms} | ${result.p99Ms} | ${result.maxMs} | ${JSON.stringify(result.non2xx)} |`,
  );
  return [
    '| load | connections | req/s | p50 ms | p99 ms | max ms | non-2xx |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
});
