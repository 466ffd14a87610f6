import { AppName } from '@envrefresh/config';
import { ApiBenchOptions } from './api-options';
import { FREEZE_TARGETS, freezeRatios } from './freeze-phase';
import { LoadResult } from './load/load-result';
import { MemoryUse } from './support/child-app';

/** The aims of the API issue. */
export const API_TARGETS = {
  getToBareRatio: 0.15,
  /** The GET against the same hops written by hand (bench/api/floor). */
  getToFloorRatio: 0.7,
  getP99Ms: 25,
  postP99Ms: 50,
  rssMb: 200,
};

export interface ApiMachine {
  cpus: number;
  cpuModel: string;
  node: string;
  postgres: string;
  rabbitmq: string;
  /** 1-minute load average when the run began: anything above ~0.5 means something else was competing for the cores. */
  loadAverageAtStart: number;
}

export interface ApiBenchResult {
  machine: ApiMachine;
  options: ApiBenchOptions;
  bare: LoadResult;
  /** The floor: the GET's hops with no framework (bench/api/floor). */
  floor: LoadResult;
  get: LoadResult;
  /** `GET /freeze?environmentId=` as a pipeline asks it (bench/api/freeze-phase.ts). */
  freeze: LoadResult;
  /** A closed loop of POSTs: the rate this run saturates at. */
  postSaturated: LoadResult;
  /** The steady rate of `post`: `--post-rate`, or half of `postSaturated`'s. */
  postRate: number;
  /** At a steady rate: what the aim means. */
  post: LoadResult;
  /** At autocannon's overallRate, for comparison: the same average rate in bursts each second. */
  postBursts: LoadResult;
  memory: Record<AppName, MemoryUse>;
}

interface Verdict {
  aim: string;
  measured: string;
  pass: boolean;
}

/** CPU per request summed over the measured processes (the bench's "outside" left out). */
export function machineCpuMicros(load: LoadResult): number {
  const { other: _other, ...parts } = load.cpuMicrosPerRequest;
  return Object.values(parts).reduce((sum, micros) => sum + micros, 0);
}

/**
 * A create's CPU in units of the bare Fastify request's, both from this run: machines here
 * differ by up to 3×, so the aim (half of the figure before ADR 0032) is judged in these units.
 */
export function postCpuInBareRequests(result: ApiBenchResult): number {
  return machineCpuMicros(result.post) / machineCpuMicros(result.bare);
}

function failures(load: LoadResult): number {
  return load.errors + Object.values(load.non2xx).reduce((sum, count) => sum + count, 0);
}

/** A latency figure is only worth its name when every request succeeded and the rate was held. */
export function verdicts(result: ApiBenchResult): Verdict[] {
  const { bare, floor, get, freeze, post, memory, postRate } = result;
  const ratio = get.requestsPerSecond / bare.requestsPerSecond;
  const floorRatio = get.requestsPerSecond / floor.requestsPerSecond;
  const [heaviest, heaviestUse] = Object.entries(memory).sort(([, a], [, b]) => b.rssMb - a.rssMb)[0];
  const postHeldRate = post.requestsPerSecond >= 0.95 * postRate;
  return [
    {
      aim: `GET ÷ bare req/s ≥ ${API_TARGETS.getToBareRatio}`,
      measured: ratio.toFixed(3),
      pass: ratio >= API_TARGETS.getToBareRatio && failures(get) === 0,
    },
    {
      aim: `GET ÷ floor req/s ≥ ${API_TARGETS.getToFloorRatio}`,
      measured: floorRatio.toFixed(3),
      pass: floorRatio >= API_TARGETS.getToFloorRatio && failures(get) === 0 && failures(floor) === 0,
    },
    {
      aim: `GET p99 ≤ ${API_TARGETS.getP99Ms} ms at ${get.connections} connections`,
      measured: `${ms(get.p99Ms)} ms`,
      pass: get.p99Ms <= API_TARGETS.getP99Ms && failures(get) === 0,
    },
    {
      aim: `GET /freeze ≥ ${FREEZE_TARGETS.requestsPerSecond.toLocaleString('en-US')} req/s at ${freeze.connections} connections`,
      measured: `${Math.round(freeze.requestsPerSecond).toLocaleString('en-US')} req/s`,
      pass: freeze.requestsPerSecond >= FREEZE_TARGETS.requestsPerSecond && failures(freeze) === 0,
    },
    {
      aim: `GET /freeze p99 ≤ ${FREEZE_TARGETS.p99Ms} ms at ${freeze.connections} connections`,
      measured: `${ms(freeze.p99Ms)} ms`,
      pass: freeze.p99Ms <= FREEZE_TARGETS.p99Ms && failures(freeze) === 0,
    },
    {
      aim: `POST p99 ≤ ${API_TARGETS.postP99Ms} ms at a steady ${postRate} req/s`,
      measured: `${ms(post.p99Ms)} ms at ${Math.round(post.requestsPerSecond)} req/s`,
      pass: post.p99Ms <= API_TARGETS.postP99Ms && postHeldRate && failures(post) === 0,
    },
    {
      aim: `RSS ≤ ${API_TARGETS.rssMb} MB per app`,
      measured: `${Math.round(heaviestUse.rssMb)} MB (${heaviest})`,
      pass: Object.values(memory).every(({ rssMb }) => rssMb <= API_TARGETS.rssMb),
    },
  ];
}

export function renderApiTable(result: ApiBenchResult): string {
  const { machine, options, bare, floor, get, freeze, postSaturated, postRate, post, postBursts, memory } =
    result;
  const steadyLabel = options.postRate
    ? `steady ${postRate} req/s`
    : `steady ${postRate} req/s (half the saturation)`;
  const loads: [string, string, LoadResult][] = [
    [`bare Fastify GET /bare, ${bare.connections} connections`, 'bare', bare],
    [`floor GET (Fastify, jose, amqplib RPC, pg), ${floor.connections} connections`, 'floor', floor],
    [`GET /api/v1/intents/{id}, ${get.connections} connections`, 'GET', get],
    [`GET /api/v1/freeze?environmentId=, ${freeze.connections} connections`, 'GET /freeze', freeze],
    [
      `POST /api/v1/intents (submit), saturated, ${postSaturated.connections} connections`,
      'POST saturated',
      postSaturated,
    ],
    [`POST /api/v1/intents (submit), ${steadyLabel}`, 'POST steady', post],
    [`  same, autocannon overallRate ${postRate} (bursts)`, 'POST bursts', postBursts],
  ];
  const rows = [
    ['', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors'],
    ...loads.map(([label, , load]) => [
      label,
      Math.round(load.requestsPerSecond).toLocaleString('en-US'),
      ms(load.p50Ms),
      ms(load.p99Ms),
      ms(load.maxMs),
      errorsOf(load),
    ]),
  ];
  const widths = rows[0].map((_cell, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column])))
      .join('  ');
  const cpuLines = loads.map(([, short, load]) => `  ${short}: ${cpuBreakdown(load, machine.cpus)}`);
  const memoryLine = Object.entries(memory)
    .map(([app, use]) => `${app} ${Math.round(use.rssMb)} (peak ${Math.round(use.peakRssMb)})`)
    .join(', ');
  const aims = verdicts(result);
  const aimWidth = Math.max(...aims.map(({ aim }) => aim.length));
  const measuredWidth = Math.max(...aims.map(({ measured }) => measured.length));
  return [
    `envrefresh API bench: ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, PostgreSQL ${machine.postgres}, RabbitMQ ${machine.rabbitmq}`,
    `${options.durationSeconds} s per phase after ${options.warmUpSeconds} s of warm-up; apps NODE_ENV=production LOG_LEVEL=${options.logLevel}, all on this machine; load average at start ${machine.loadAverageAtStart.toFixed(2)}`,
    '',
    ...rows.map(line),
    '',
    'CPU per answered request, µs (the sum bounds the rate where everything shares the cores):',
    ...cpuLines,
    `  GET ÷ floor req/s ${(get.requestsPerSecond / floor.requestsPerSecond).toFixed(3)}, GET ÷ bare ${(get.requestsPerSecond / bare.requestsPerSecond).toFixed(3)}; ` +
      `a steady create costs ${postCpuInBareRequests(result).toFixed(0)} bare requests of CPU (${Math.round(machineCpuMicros(post))} ÷ ${Math.round(machineCpuMicros(bare))} µs)`,
    `  GET /freeze ÷ floor req/s ${freezeRatios(result).toFloor.toFixed(3)}, GET /freeze ÷ bare ${freezeRatios(result).toBare.toFixed(3)}`,
    '',
    `RSS after the run, MB: ${memoryLine}`,
    '',
    ...aims.map(
      ({ aim, measured, pass }) =>
        `${aim.padEnd(aimWidth)}  ${measured.padStart(measuredWidth)}  ${pass ? 'PASS' : 'BELOW TARGET'}`,
    ),
  ].join('\n');
}

/** One line a script can parse: `BENCH_RESULT {json}`. */
export function renderApiJsonLine(result: ApiBenchResult): string {
  const { machine, options, bare, floor, get, freeze, postSaturated, postRate, post, postBursts, memory } =
    result;
  const load = (figures: LoadResult) => ({
    mode: figures.mode,
    requestsPerSecond: Math.round(figures.requestsPerSecond),
    p50Ms: Number(ms(figures.p50Ms)),
    p99Ms: Number(ms(figures.p99Ms)),
    maxMs: Number(ms(figures.maxMs)),
    errors: figures.errors,
    non2xx: figures.non2xx,
    connections: figures.connections,
    offeredRate: figures.offeredRate,
    cpuMicrosPerRequest: Object.fromEntries(
      Object.entries(figures.cpuMicrosPerRequest).map(([name, micros]) => [name, Math.round(micros)]),
    ),
  });
  const aims = verdicts(result);
  return `BENCH_RESULT ${JSON.stringify({
    bench: 'api',
    machine,
    settings: { ...options, databaseUrl: undefined, amqpUrl: undefined },
    bare: load(bare),
    floor: load(floor),
    get: load(get),
    freeze: load(freeze),
    postSaturated: load(postSaturated),
    postRate,
    post: load(post),
    postBursts: load(postBursts),
    getToBareRatio: Math.round((get.requestsPerSecond / bare.requestsPerSecond) * 1000) / 1000,
    getToFloorRatio: Math.round((get.requestsPerSecond / floor.requestsPerSecond) * 1000) / 1000,
    freezeToBareRatio: Math.round(freezeRatios(result).toBare * 1000) / 1000,
    freezeToFloorRatio: Math.round(freezeRatios(result).toFloor * 1000) / 1000,
    postCpuInBareRequests: Math.round(postCpuInBareRequests(result)),
    rssMb: Object.fromEntries(Object.entries(memory).map(([app, use]) => [app, Math.round(use.rssMb)])),
    peakRssMb: Object.fromEntries(
      Object.entries(memory).map(([app, use]) => [app, Math.round(use.peakRssMb)]),
    ),
    targets: { ...API_TARGETS, freeze: FREEZE_TARGETS },
    verdicts: aims,
    pass: aims.every(({ pass }) => pass),
  })}`;
}

function errorsOf(load: LoadResult): string {
  const statuses = Object.entries(load.non2xx).map(([status, count]) => `${count}×${status}`);
  return [String(load.errors), ...statuses].join(' ');
}

function cpuBreakdown(load: LoadResult, cores: number): string {
  const { other = 0, ...parts } = load.cpuMicrosPerRequest;
  const shown = Object.entries(parts).filter(([, micros]) => micros >= 0.5);
  const total = shown.reduce((sum, [, micros]) => sum + micros, 0);
  const ceiling = total === 0 ? 0 : (cores * 1_000_000) / total;
  return (
    `${shown.map(([name, micros]) => `${name} ${Math.round(micros)}`).join(', ')}; ` +
    `sum ${Math.round(total)} → at most ${Math.round(ceiling).toLocaleString('en-US')} req/s on ${cores} cores; ` +
    `outside the bench (kernel, other processes, steal) ${Math.round(other)}`
  );
}

/** autocannon reports whole milliseconds, the paced loop fractions: one decimal for both. */
function ms(value: number): string {
  return value.toFixed(1);
}
