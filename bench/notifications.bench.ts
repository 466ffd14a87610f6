import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { namespaceNames } from '@envrefresh/testing';
import { createIntentRequests, intentWindows } from './api/api-fixtures';
import { measurePacedLoad } from './api/load/measure-paced-load';
import { perRequest } from './api/load/load-result';
import { migrateSuite, startSuite, stopApps } from './api/support/api-suite';
import { createBenchTokens } from './api/support/bench-tokens';
import { ChildApp } from './api/support/child-app';
import { CpuTarget, startCpuMeter } from './api/support/cpu-by-process';
import { measureHttpPostCeiling } from './ceilings/undici-post.ceiling';
import { measurePostgresCeiling } from './ceilings/postgres-transaction.ceiling';
import { summarizeDeliveries } from './notifications/delivery-summary';
import {
  createEnvironment,
  createWebhookSubscriptions,
  receiverTargets,
} from './notifications/notifications-fixtures';
import {
  NOTIFICATIONS_BENCH_USAGE,
  NotificationsBenchOptions,
  readNotificationsBenchOptions,
} from './notifications/notifications-options';
import {
  DeliveryPhase,
  NotificationsBenchResult,
  renderNotificationsJsonLine,
  renderNotificationsTable,
} from './notifications/notifications-report';
import { Arrival, WebhookReceiver, startWebhookReceiver } from './notifications/webhook-receiver';
import { BenchBroker, openBenchBroker } from './support/bench-broker';
import { BenchDatabase, createBenchDatabase } from './support/bench-database';

/** Keep-alive connections the stream's paced POSTs may use (as bench:api). */
const FILING_CONNECTIONS = 50;
/** Seconds of the bare undici loop. */
const HTTP_CEILING_SECONDS = 3;

/**
 * `npm run bench:notifications`: the five apps as production runs them, webhook subscriptions
 * made through the API to local receivers, events caused through the API (intents filed and
 * submitted: one `intent.requested` each). One event to `--subscriptions` receivers; a stream of
 * `--stream-rate` events/s to `--stream-subscriptions`; the same stream with one receiver that
 * never answers. Beside them, in the same run, a bare undici POST loop to the same receiver and
 * the raw Postgres transaction rate. Prints a table, verdicts and a BENCH_RESULT JSON line.
 */
async function main(): Promise<void> {
  let options: NotificationsBenchOptions;
  try {
    options = readNotificationsBenchOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n${NOTIFICATIONS_BENCH_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const progress = (step: string) => console.error(`bench: ${step}`);
  const loadAverageAtStart = loadavg()[0];
  const tokens = createBenchTokens();
  const children: ChildApp[] = [];
  const receivers: WebhookReceiver[] = [];
  let database: BenchDatabase | undefined;
  let broker: BenchBroker | undefined;
  const cleanUp = async () => {
    const unclean = await stopApps(children);
    if (unclean.length > 0) progress(`apps that did not stop cleanly: ${unclean.join(', ')}`);
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await broker?.cleanUp().catch((error: Error) => progress(`deleting queues failed: ${error.message}`));
    await database
      ?.drop()
      .catch((error: Error) => progress(`dropping the database failed: ${error.message}`));
  };
  const interrupted = () => {
    progress('interrupted, stopping the apps and deleting what this run created');
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const receiver = await startWebhookReceiver({ hang: false });
    receivers.push(receiver);
    const hangingReceiver = await startWebhookReceiver({ hang: true });
    receivers.push(hangingReceiver);
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
      appEnvironment: {
        notifications: {
          // The receivers are local plain-http servers; production keeps https and no loopback.
          OUTBOUND_ALLOW_HTTP: 'true',
          OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
          DELIVERY_WORKERS: String(options.deliveryWorkers),
          DELIVERY_BATCH_SIZE: String(options.deliveryBatchSize),
        },
      },
    };
    progress(`database ${database.name}, namespace ${broker.namespace}: migrating`);
    await migrateSuite(settings);
    progress('starting the five apps');
    const suite = await startSuite(settings, (app) => children.push(app));
    const cpuTargets: CpuTarget[] = suite.apps.map((app) => ({ name: app.name, pid: app.child.pid }));
    const windows = intentWindows();
    const fileIntent = async (environmentId: string) => {
      const { method, path, headers, body } = createIntentRequests(
        environmentId,
        tokens.requester,
        windows,
      )();
      const response = await fetch(`${suite.gatewayUrl}${path}`, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok)
        throw new Error(`filing an intent answered ${response.status}: ${await response.text()}`);
    };
    const drainMs = options.drainSeconds * 1000;

    progress(`creating ${options.subscriptions + 2 * options.streamSubscriptions + 1} webhook subscriptions`);
    const [warmUpEnvironment, fanOutEnvironment, streamEnvironment, hangingEnvironment] = await Promise.all(
      ['notify-warm-up', 'notify-fan-out', 'notify-stream', 'notify-hanging'].map((key) =>
        createEnvironment(suite.gatewayUrl, tokens, key),
      ),
    );
    const hangingTargets = [
      ...receiverTargets(receiver.url, 'hanging', options.streamSubscriptions - 1),
      `${hangingReceiver.url}/hanging/${options.streamSubscriptions - 1}`,
    ];
    await createWebhookSubscriptions(
      suite.gatewayUrl,
      tokens,
      warmUpEnvironment,
      receiverTargets(receiver.url, 'warm-up', 1),
    );
    await createWebhookSubscriptions(
      suite.gatewayUrl,
      tokens,
      fanOutEnvironment,
      receiverTargets(receiver.url, 'fan-out', options.subscriptions),
    );
    await createWebhookSubscriptions(
      suite.gatewayUrl,
      tokens,
      streamEnvironment,
      receiverTargets(receiver.url, 'stream', options.streamSubscriptions),
    );
    await createWebhookSubscriptions(suite.gatewayUrl, tokens, hangingEnvironment, hangingTargets);

    progress('warm-up: one event to one subscription, end to end');
    await fileIntent(warmUpEnvironment);
    if (!(await receiver.waitFor('warm-up', 1, drainMs)))
      throw new Error(`the warm-up delivery did not arrive within ${options.drainSeconds} s`);

    const phaseArrivals = (from: WebhookReceiver, phase: string) =>
      from.arrivals().filter((arrival: Arrival) => arrival.path.startsWith(`/${phase}/`));

    progress(`fan-out: one event to ${options.subscriptions} subscriptions`);
    const stopFanOutCpu = startCpuMeter(cpuTargets);
    await fileIntent(fanOutEnvironment);
    await receiver.waitFor('fan-out', options.subscriptions, drainMs);
    const fanOutCpu = stopFanOutCpu();
    const fanOutDeliveries = summarizeDeliveries(phaseArrivals(receiver, 'fan-out'), options.subscriptions);
    const fanOut: DeliveryPhase = {
      title: `one event → ${options.subscriptions} webhooks`,
      deliveries: fanOutDeliveries,
      offeredPerSecond: null,
      filing: null,
      cpuMicrosPerDelivery: perRequest(fanOutCpu, fanOutDeliveries.delivered),
    };

    const bodySizes = phaseArrivals(receiver, 'fan-out')
      .map((arrival) => arrival.bodyBytes)
      .sort((a, b) => a - b);
    const bodyBytes = bodySizes[Math.floor(bodySizes.length / 2)] ?? 1024;
    const concurrency = options.deliveryWorkers * options.deliveryBatchSize;
    progress(`ceiling: bare undici POST loop, ${concurrency} in flight, ${bodyBytes} B`);
    const httpCeiling = await measureHttpPostCeiling(
      `${receiver.url}/ceiling/0`,
      concurrency,
      bodyBytes,
      HTTP_CEILING_SECONDS,
    );
    progress(`ceiling: ${options.rawTransactions} raw Postgres transactions`);
    const postgresCeiling = await measurePostgresCeiling(database.url, options.rawTransactions);

    const runStream = async (
      title: string,
      environmentId: string,
      phase: string,
      answeringSubscriptions: number,
    ): Promise<DeliveryPhase> => {
      progress(`${title}: ${options.streamRate} events/s for ${options.durationSeconds} s`);
      const stopCpu = startCpuMeter(cpuTargets);
      const filing = await measurePacedLoad(
        {
          title,
          url: suite.gatewayUrl,
          rate: options.streamRate,
          connections: FILING_CONNECTIONS,
          request: createIntentRequests(environmentId, tokens.requester, windows),
        },
        { warmUpSeconds: 0, durationSeconds: options.durationSeconds },
        cpuTargets,
      );
      const accepted = Math.round(filing.requestsPerSecond * filing.durationSeconds);
      const expected = accepted * answeringSubscriptions;
      await receiver.waitFor(phase, expected, drainMs);
      const cpuSpent = stopCpu();
      const deliveries = summarizeDeliveries(phaseArrivals(receiver, phase), expected);
      return {
        title,
        deliveries,
        offeredPerSecond: options.streamRate * answeringSubscriptions,
        filing,
        cpuMicrosPerDelivery: perRequest(cpuSpent, deliveries.delivered),
      };
    };
    const stream = await runStream(
      `stream → ${options.streamSubscriptions} webhooks`,
      streamEnvironment,
      'stream',
      options.streamSubscriptions,
    );
    const hanging = await runStream(
      `same stream, 1 of ${options.streamSubscriptions} hanging (the other ${options.streamSubscriptions - 1})`,
      hangingEnvironment,
      'hanging',
      options.streamSubscriptions - 1,
    );

    const { databaseUrl: _databaseUrl, amqpUrl: _amqpUrl, ...knobs } = options;
    const result: NotificationsBenchResult = {
      machine: {
        cpus: cpus().length,
        node: process.versions.node,
        postgres: database.serverVersion,
        rabbitmq: broker.serverVersion,
        loadAverageAtStart,
      },
      options: knobs,
      httpCeiling,
      postgresCeiling,
      fanOut,
      stream,
      hanging,
      hangingReceiverRequests: hangingReceiver.arrivals().length + hangingReceiver.repeats(),
      repeatedWebhookIds: receiver.repeats(),
    };
    console.log(renderNotificationsTable(result));
    console.log(renderNotificationsJsonLine(result));
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
