import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import {
  createApiFixtures,
  createIntentRequests,
  intentWindows,
  readIntentRequests,
} from './api/api-fixtures';
import { API_BENCH_USAGE, ApiBenchOptions, readApiBenchOptions } from './api/api-options';
import { measureFreezeLoad } from './api/freeze-phase';
import { ApiBenchResult, renderApiJsonLine, renderApiTable } from './api/api-report';
import { measureLoad } from './api/load/measure-load';
import { measurePacedLoad } from './api/load/measure-paced-load';
import { migrateSuite, startSuite, stopApps } from './api/support/api-suite';
import { startBareServer } from './api/support/bare-server';
import { startFloor } from './api/floor/floor';
import { createBenchTokens } from './api/support/bench-tokens';
import { ChildApp } from './api/support/child-app';
import { namespaceNames } from '@envrefresh/testing';
import { BenchBroker, openBenchBroker } from './support/bench-broker';
import { BenchDatabase, createBenchDatabase } from './support/bench-database';

/**
 * `npm run bench:api`: the five apps as production runs them, driven over HTTP, next to a bare
 * Fastify endpoint measured in the same run on the same machine, so the ratio means something
 * even though absolute figures move from run to run.
 */
async function main(): Promise<void> {
  let options: ApiBenchOptions;
  try {
    options = readApiBenchOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n${API_BENCH_USAGE}`);
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
    const unclean = await stopApps(children);
    if (unclean.length > 0) progress(`apps that did not stop cleanly: ${unclean.join(', ')}`);
    await broker
      ?.cleanUp()
      .catch((error: Error) => progress(`deleting ${broker?.namespace}.* failed: ${error.message}`));
    await database
      ?.drop()
      .catch((error: Error) => progress(`dropping ${database?.name} failed: ${error.message}`));
  };
  // Ctrl-C must not leave processes, a database and queues behind.
  const interrupted = () => {
    progress('interrupted, stopping the apps and deleting what this run created');
    void cleanUp().finally(() => process.exit(130));
  };
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
      logLevel: options.logLevel,
      tracing: options.tracing,
    };
    if (options.tracing.OTEL_EXPORTER_OTLP_ENDPOINT)
      progress(`tracing on: every app exports to ${options.tracing.OTEL_EXPORTER_OTLP_ENDPOINT}`);
    progress(`database ${database.name}, namespace ${broker.namespace}: migrating`);
    await migrateSuite(settings);
    progress('starting the five apps and the bare Fastify server');
    const [suite, bare] = await Promise.all([
      startSuite(settings, (app) => children.push(app)),
      startBareServer((app) => children.push(app)),
    ]);
    const windows = intentWindows();
    const fixtures = await createApiFixtures(suite.gatewayUrl, tokens, windows);
    const floorQueue = `${broker.namespace}.floor.rpc`;
    broker.track('queue', floorQueue);
    progress('starting the floor: hand-written Fastify → jose → amqplib RPC → pg');
    const floor = await startFloor(
      {
        databaseUrl: database.url,
        amqpUrl: options.amqpUrl,
        queue: floorQueue,
        jwtSecret: tokens.secret,
        intentId: fixtures.intentId,
      },
      (app) => children.push(app),
    );
    const phases = { warmUpSeconds: options.warmUpSeconds, durationSeconds: options.durationSeconds };
    const cpuOf = (apps: readonly ChildApp[]) => apps.map((app) => ({ name: app.name, pid: app.child.pid }));

    progress(`bare Fastify, ${options.connections} connections`);
    const bareRequest = { method: 'GET', path: '/bare', headers: {} };
    const bareLoad = await measureLoad(
      { title: 'bare', url: bare.url, connections: options.connections, request: () => bareRequest },
      phases,
      cpuOf([bare.app]),
    );
    progress(`floor GET /floor/intents/{id}, ${options.connections} connections`);
    const floorRequest = {
      method: 'GET',
      path: `/floor/intents/${fixtures.intentId}`,
      headers: { authorization: `Bearer ${tokens.requester}` },
    };
    const floorLoad = await measureLoad(
      {
        title: 'floor',
        url: floor.baseUrl,
        connections: options.connections,
        request: () => floorRequest,
      },
      phases,
      cpuOf(floor.apps),
    );
    progress(`GET /api/v1/intents/{id}, ${options.connections} connections`);
    const getLoad = await measureLoad(
      {
        title: 'get',
        url: suite.gatewayUrl,
        connections: options.connections,
        request: readIntentRequests(fixtures.intentId, tokens.requester),
      },
      phases,
      cpuOf(suite.apps),
    );
    progress(`GET /api/v1/freeze?environmentId=…, ${options.connections} connections`);
    const freezeLoad = await measureFreezeLoad(
      {
        gatewayUrl: suite.gatewayUrl,
        connections: options.connections,
        environmentId: fixtures.environmentId,
        token: tokens.requester,
      },
      phases,
      cpuOf(suite.apps),
    );
    const createIntent = createIntentRequests(fixtures.environmentId, tokens.requester, windows);
    progress(`POST /api/v1/intents saturated, ${options.connections} connections`);
    const postSaturated = await measureLoad(
      {
        title: 'post-saturated',
        url: suite.gatewayUrl,
        connections: options.connections,
        request: createIntent,
      },
      phases,
      cpuOf(suite.apps),
    );
    // The aim's rate: half of what this machine saturates at in this run (or the one asked for).
    const postRate = options.postRate || Math.max(1, Math.round(postSaturated.requestsPerSecond / 2));
    progress(`POST /api/v1/intents, one every ${(1000 / postRate).toFixed(1)} ms`);
    const postLoad = await measurePacedLoad(
      {
        title: 'post',
        url: suite.gatewayUrl,
        rate: postRate,
        connections: options.connections,
        request: createIntent,
      },
      phases,
      cpuOf(suite.apps),
    );
    progress(`POST /api/v1/intents, autocannon overallRate ${postRate}`);
    const postBurstLoad = await measureLoad(
      {
        title: 'post-autocannon-rate',
        url: suite.gatewayUrl,
        connections: options.connections,
        overallRate: postRate,
        request: createIntent,
      },
      phases,
      cpuOf(suite.apps),
    );

    const result: ApiBenchResult = {
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        node: process.versions.node,
        postgres: database.serverVersion,
        rabbitmq: broker.serverVersion,
        loadAverageAtStart,
      },
      options,
      bare: bareLoad,
      floor: floorLoad,
      get: getLoad,
      freeze: freezeLoad,
      postSaturated,
      postRate,
      post: postLoad,
      postBursts: postBurstLoad,
      memory: suite.memory(),
    };
    console.log(renderApiTable(result));
    console.log(renderApiJsonLine(result));
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
