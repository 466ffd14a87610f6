import { LOG_LEVELS, OTLP_ENDPOINT_VARIABLE } from '@envrefresh/config';

/** What one `npm run bench:api` run does; every knob has a flag so a different run needs no edit. */
export interface ApiBenchOptions {
  databaseUrl: string;
  amqpUrl: string;
  durationSeconds: number;
  warmUpSeconds: number;
  connections: number;
  /**
   * The steady POST rate; 0 (the default): half the rate a closed loop of `connections` POSTs
   * saturates at, measured first in the same run.
   */
  postRate: number;
  /** LOG_LEVEL of the apps: production's default, so the access log is part of the cost. */
  logLevel: string;
  /**
   * The OTLP variables handed to every app: set OTEL_EXPORTER_OTLP_ENDPOINT (and, if not
   * http/protobuf, OTEL_EXPORTER_OTLP_PROTOCOL) to measure the suite with tracing on.
   */
  tracing: Record<string, string>;
}

const TRACING_VARIABLES = [OTLP_ENDPOINT_VARIABLE, 'OTEL_EXPORTER_OTLP_PROTOCOL'];

const DEFAULTS = { durationSeconds: 10, warmUpSeconds: 3, connections: 50, postRate: 0 };

type NumericKnob = keyof typeof DEFAULTS;

const FLAGS: Record<string, NumericKnob> = {
  '--duration': 'durationSeconds',
  '--warm-up': 'warmUpSeconds',
  '--connections': 'connections',
  '--post-rate': 'postRate',
};

export const API_BENCH_USAGE = `usage: npm run bench:api -- [${Object.keys(FLAGS)
  .map((flag) => `${flag} N`)
  .join('] [')}] [--log-level ${LOG_LEVELS.join('|')}]
env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), AMQP_URL (default amqp://guest:guest@127.0.0.1:5672),
     ${TRACING_VARIABLES.join(', ')} (tracing on in every app; off when unset)`;

export function readApiBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ApiBenchOptions {
  const knobs: Record<NumericKnob, number> = { ...DEFAULTS };
  let logLevel = 'info';
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index].split('=', 2);
    if (flag !== '--log-level' && !FLAGS[flag]) throw new Error(`unknown argument "${argv[index]}"`);
    const raw = inline ?? argv[++index] ?? '';
    if (flag === '--log-level') {
      if (!(LOG_LEVELS as readonly string[]).includes(raw))
        throw new Error(`--log-level needs one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
      logLevel = raw;
      continue;
    }
    const knob = FLAGS[flag];
    const value = Number(raw);
    const least = knob === 'warmUpSeconds' || knob === 'postRate' ? 0 : 1;
    if (!Number.isInteger(value) || value < least)
      throw new Error(`${flag} needs an integer of at least ${least}, got "${raw}"`);
    knobs[knob] = value;
  }
  return {
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    amqpUrl: env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672',
    logLevel,
    tracing: Object.fromEntries(TRACING_VARIABLES.flatMap((name) => (env[name] ? [[name, env[name]]] : []))),
    ...knobs,
  };
}
