import { LoadResult } from '../api/load/load-result';
import { HttpPostCeiling } from '../ceilings/undici-post.ceiling';
import { PostgresCeiling } from '../ceilings/postgres-transaction.ceiling';
import { DeliverySummary } from './delivery-summary';
import { NotificationsBenchOptions } from './notifications-options';

/** The issue's aims: deliveries/s at least half the lower ceiling; one hanging receiver costs the others at most +20 % p99. */
export const THROUGHPUT_AIM = 0.5;
export const HANGING_P99_AIM = 1.2;

/** A delivery phase: what arrived, what filing the events cost, and the CPU each process spent per delivery. */
export interface DeliveryPhase {
  title: string;
  deliveries: DeliverySummary;
  /** Deliveries per second the phase asks for (events/s × subscriptions); null for the single fan-out event. */
  offeredPerSecond: number | null;
  /** The API calls that caused the events (null for the single fan-out event). */
  filing: LoadResult | null;
  cpuMicrosPerDelivery: Record<string, number>;
}

export interface NotificationsBenchResult {
  machine: { cpus: number; node: string; postgres: string; rabbitmq: string; loadAverageAtStart: number };
  options: Omit<NotificationsBenchOptions, 'databaseUrl' | 'amqpUrl'>;
  httpCeiling: HttpPostCeiling;
  postgresCeiling: PostgresCeiling;
  fanOut: DeliveryPhase;
  stream: DeliveryPhase;
  /** The same stream with one receiver that never answers: the answering ones' deliveries. */
  hanging: DeliveryPhase;
  /** Requests the hanging receiver got in that phase (each held until the service's timeout). */
  hangingReceiverRequests: number;
  /** Requests that repeated a `webhook-id` already received, over the whole run. */
  repeatedWebhookIds: number;
}

/** Each delivery needs two transactions at least (the fan-out's and the attempt's record). */
export function lowerCeiling(result: NotificationsBenchResult): number {
  return Math.min(result.httpCeiling.perSecond, result.postgresCeiling.perSecond / 2);
}

export function verdicts(result: NotificationsBenchResult) {
  const ceiling = lowerCeiling(result);
  return {
    fanOutRatio: result.fanOut.deliveries.deliveriesPerSecond / ceiling,
    streamRatio: result.stream.deliveries.deliveriesPerSecond / ceiling,
    hangingP99Ratio:
      result.hanging.deliveries.eventToReceived.p99Ms / result.stream.deliveries.eventToReceived.p99Ms,
  };
}

export function renderNotificationsTable(result: NotificationsBenchResult): string {
  const { machine, options, httpCeiling, postgresCeiling } = result;
  const fixed = (value: number, digits = 0) =>
    value === Infinity ? 'not arrived' : Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
  const phaseRow = ({ title, deliveries, offeredPerSecond }: DeliveryPhase) =>
    `| ${title} | ${deliveries.delivered}/${deliveries.expected} | ${offeredPerSecond === null ? 'all at once' : fixed(offeredPerSecond)} | ${fixed(deliveries.deliveriesPerSecond)} | ${fixed(deliveries.firstArrivalMs)} | ${fixed(deliveries.eventToReceived.p50Ms)} | ${fixed(deliveries.eventToReceived.p99Ms)} | ${fixed(deliveries.eventToReceived.maxMs)} |`;
  const cpuRow = ({ title, cpuMicrosPerDelivery }: DeliveryPhase) =>
    `| ${title} | ${Object.entries(cpuMicrosPerDelivery)
      .filter(([, micros]) => micros >= 1)
      .sort(([, a], [, b]) => b - a)
      .map(([name, micros]) => `${name} ${fixed(micros)}`)
      .join(', ')} |`;
  const filingRow = ({ title, filing }: DeliveryPhase) =>
    filing
      ? `| ${title} | ${filing.offeredRate}/s | ${fixed(filing.requestsPerSecond)}/s | ${fixed(filing.p50Ms)} | ${fixed(filing.p99Ms)} | ${JSON.stringify(filing.non2xx)}, ${filing.errors} errors |`
      : '';
  const { fanOutRatio, streamRatio, hangingP99Ratio } = verdicts(result);
  const verdict = (pass: boolean) => (pass ? 'PASS' : 'BELOW TARGET');
  const phases = [result.fanOut, result.stream, result.hanging];
  return [
    `machine: ${machine.cpus} CPUs, Node ${machine.node}, PostgreSQL ${machine.postgres}, RabbitMQ ${machine.rabbitmq}, load average at start ${machine.loadAverageAtStart.toFixed(2)}`,
    `service: DELIVERY_WORKERS=${options.deliveryWorkers} DELIVERY_BATCH_SIZE=${options.deliveryBatchSize}, default OUTBOUND_TIMEOUT_MS; receivers plain http on 127.0.0.1`,
    '',
    '| ceiling | rate | p50 ms | p99 ms |',
    '| --- | --- | --- | --- |',
    `| bare undici POST loop, ${httpCeiling.concurrency} in flight, ${httpCeiling.bodyBytes} B bodies | ${fixed(httpCeiling.perSecond)} req/s | ${fixed(httpCeiling.latency.p50Ms, 1)} | ${fixed(httpCeiling.latency.p99Ms, 1)} |`,
    `| raw Postgres BEGIN; INSERT; COMMIT, ${postgresCeiling.workers} workers | ${fixed(postgresCeiling.perSecond)} tx/s, half ${fixed(postgresCeiling.perSecond / 2)} | ${fixed(postgresCeiling.latency.p50Ms, 1)} | ${fixed(postgresCeiling.latency.p99Ms, 1)} |`,
    '',
    '| phase | delivered | offered deliveries/s | deliveries/s | first arrival ms | event → received p50 ms | p99 ms | max ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...phases.map(phaseRow),
    '',
    '| filing the events (POST /api/v1/intents, paced) | offered | accepted | p50 ms | p99 ms | refused |',
    '| --- | --- | --- | --- | --- | --- |',
    ...phases.map(filingRow).filter((row) => row !== ''),
    '',
    '| CPU µs per delivery | by process |',
    '| --- | --- |',
    ...phases.map(cpuRow),
    '',
    `hanging receiver: ${result.hangingReceiverRequests} requests held; repeated webhook-ids over the run: ${result.repeatedWebhookIds}`,
    '',
    `aim: fan-out deliveries/s ≥ ${THROUGHPUT_AIM} × lower ceiling (${fixed(lowerCeiling(result))}/s)  ${fixed(fanOutRatio, 3)}  ${verdict(fanOutRatio >= THROUGHPUT_AIM)}`,
    `aim: stream deliveries/s ≥ ${THROUGHPUT_AIM} × lower ceiling                ${fixed(streamRatio, 3)}  ${verdict(streamRatio >= THROUGHPUT_AIM)}`,
    `aim: others' p99 with one receiver hanging ≤ ${HANGING_P99_AIM} × without     ${fixed(hangingP99Ratio, 3)}  ${verdict(hangingP99Ratio <= HANGING_P99_AIM)}`,
    ...phases
      .filter(({ deliveries }) => deliveries.delivered < deliveries.expected)
      .map(
        ({ title }) =>
          `INCOMPLETE: ${title} did not deliver everything within --drain; its figures cover what arrived`,
      ),
  ].join('\n');
}

export function renderNotificationsJsonLine(result: NotificationsBenchResult): string {
  return `BENCH_RESULT ${JSON.stringify({ bench: 'notifications', ...result, verdicts: verdicts(result) })}`;
}
