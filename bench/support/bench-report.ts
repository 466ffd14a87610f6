import { AmqpCeiling } from '../ceilings/amqp-publish.ceiling';
import { PostgresCeiling } from '../ceilings/postgres-transaction.ceiling';
import { PipelineRun } from '../pipeline/outbox-pipeline';
import { BenchOptions } from './bench-options';
import { CpuCost } from './cpu-meter';

export const RATIO_TARGET = 0.6;

export interface Machine {
  cpus: number;
  node: string;
  postgres: string;
  rabbitmq: string;
}

export interface BenchResult {
  machine: Machine;
  options: BenchOptions;
  amqp: AmqpCeiling;
  postgres: PostgresCeiling;
  pipeline: PipelineRun;
}

/**
 * Every event costs two transactions at least (the producer's and the consumer's), so half the raw
 * transaction rate is what a perfect pipeline could reach on this database.
 */
export function ratioOf(result: BenchResult): number {
  return result.pipeline.eventsPerSecond / (result.postgres.perSecond / 2);
}

export function renderTable(result: BenchResult): string {
  const { machine, options, amqp, postgres, pipeline } = result;
  const ratio = ratioOf(result);
  const rows: string[][] = [
    ['', 'rate', 'CPU µs/op machine (node)', ''],
    [
      `AMQP confirm-channel publish, 1 KB persistent, window ${options.publishWindow}`,
      rate(amqp.confirmedPerSecond, 'msg/s'),
      '',
      `${amqp.messages} msgs`,
    ],
    [
      '  same, published → consumed and acked',
      rate(amqp.deliveredPerSecond, 'msg/s'),
      cpu(amqp.cpu),
      'quorum queue, prefetch 100',
    ],
    [
      `Postgres BEGIN; INSERT; COMMIT, pool ${postgres.workers}, ${postgres.workers} workers`,
      rate(postgres.perSecond, 'tx/s'),
      cpu(postgres.cpu),
      latency(postgres.latency),
    ],
    [
      'Outbox → relay → exchange → consumer + inbox',
      rate(pipeline.eventsPerSecond, 'events/s'),
      cpu(pipeline.cpu),
      latency(pipeline.latency),
    ],
    [
      '  producer commits while the pipeline runs',
      rate(pipeline.producerCommitsPerSecond, 'tx/s'),
      '',
      `${pipeline.events} events, ${options.producers} producers`,
    ],
    [
      `Ratio events/s ÷ (tx/s ÷ 2), target ≥ ${RATIO_TARGET}`,
      ratio.toFixed(2),
      '',
      ratio >= RATIO_TARGET ? 'PASS' : 'BELOW TARGET',
    ],
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    `${row[0].padEnd(widths[0])}  ${row[1].padStart(widths[1])}  ${row[2].padStart(widths[2])}  ${row[3]}`.trimEnd();
  return [
    `envrefresh messaging bench: ${machine.cpus} CPUs, Node ${machine.node}, PostgreSQL ${machine.postgres}, RabbitMQ ${machine.rabbitmq}`,
    `relay batch ${options.relayBatchSize}, poll ${options.relayPollIntervalMs} ms, prefetch ${options.prefetch}, ` +
      `producers write as one ${options.producerWrite}, pools ${options.producerPoolSize} producer / ${options.consumerPoolSize} consumer, consumer batches of up to ${options.consumerBatchSize} x ${options.consumerConcurrency}, envelope ${pipeline.envelopeBytes} B`,
    '',
    ...rows.map(line),
  ].join('\n');
}

/** One line a script can parse: `BENCH_RESULT {json}`. */
export function renderJsonLine(result: BenchResult): string {
  const { machine, options, amqp, postgres, pipeline } = result;
  const ratio = ratioOf(result);
  return `BENCH_RESULT ${JSON.stringify({
    bench: 'messaging',
    machine,
    settings: { ...options, databaseUrl: undefined, amqpUrl: undefined },
    amqpConfirmedPerSecond: round(amqp.confirmedPerSecond),
    amqpDeliveredPerSecond: round(amqp.deliveredPerSecond),
    postgresTxPerSecond: round(postgres.perSecond),
    postgresTxP50Ms: round(postgres.latency.p50Ms, 2),
    postgresTxP99Ms: round(postgres.latency.p99Ms, 2),
    e2eEventsPerSecond: round(pipeline.eventsPerSecond),
    e2eP50Ms: round(pipeline.latency.p50Ms, 2),
    e2eP99Ms: round(pipeline.latency.p99Ms, 2),
    e2eMaxMs: round(pipeline.latency.maxMs, 2),
    amqpCpuMicrosPerMessage: cpuJson(amqp.cpu),
    postgresCpuMicrosPerTx: cpuJson(postgres.cpu),
    e2eCpuMicrosPerEvent: cpuJson(pipeline.cpu),
    producerCommitsPerSecond: round(pipeline.producerCommitsPerSecond),
    events: pipeline.events,
    ratio: round(ratio, 3),
    ratioTarget: RATIO_TARGET,
    pass: ratio >= RATIO_TARGET,
  })}`;
}

function rate(value: number, unit: string): string {
  return `${Math.round(value).toLocaleString('en-US')} ${unit}`;
}

function latency(summary: { p50Ms: number; p99Ms: number }): string {
  return `p50 ${summary.p50Ms.toFixed(1)} ms, p99 ${summary.p99Ms.toFixed(1)} ms`;
}

function cpu(cost: CpuCost): string {
  const machine =
    cost.machineMicrosPerOp === undefined ? '?' : Math.round(cost.machineMicrosPerOp).toString();
  return `${machine} (${Math.round(cost.processMicrosPerOp)})`;
}

function cpuJson(cost: CpuCost): { machine: number | null; process: number } {
  return {
    machine: cost.machineMicrosPerOp === undefined ? null : round(cost.machineMicrosPerOp),
    process: round(cost.processMicrosPerOp),
  };
}

function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
