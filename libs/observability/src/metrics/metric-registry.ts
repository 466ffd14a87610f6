import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  register,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
  type Registry,
} from 'prom-client';

/*
 * prom-client throws when a name is registered twice, and tests start several apps in one
 * process, so every metric is fetched from the registry when it is already there. A metric
 * of another kind or with other labels under the same name is a bug, and says so.
 */

type MetricClass<M> = new (...args: never[]) => M;

interface Config<T extends string> {
  name: string;
  labelNames?: readonly T[];
  registers?: Pick<Registry, 'getSingleMetric'>[];
}

function getOrCreate<M, T extends string>(config: Config<T>, kind: MetricClass<M>, create: () => M): M {
  const registry = config.registers?.[0] ?? register;
  const existing = registry.getSingleMetric(config.name);
  if (existing === undefined) return create();
  if (!(existing instanceof kind)) {
    throw new Error(`Metric ${config.name} is already registered as another kind than ${kind.name}`);
  }
  const existingLabels = [...((existing as { labelNames?: readonly string[] }).labelNames ?? [])].sort();
  const wantedLabels = [...(config.labelNames ?? [])].sort();
  if (existingLabels.join(',') !== wantedLabels.join(',')) {
    throw new Error(
      `Metric ${config.name} is already registered with labels [${existingLabels}], not [${wantedLabels}]`,
    );
  }
  return existing;
}

export function getOrCreateCounter<T extends string>(config: CounterConfiguration<T>): Counter<T> {
  return getOrCreate(config, Counter<T>, () => new Counter(config));
}

export function getOrCreateGauge<T extends string>(config: GaugeConfiguration<T>): Gauge<T> {
  return getOrCreate(config, Gauge<T>, () => new Gauge(config));
}

export function getOrCreateHistogram<T extends string>(config: HistogramConfiguration<T>): Histogram<T> {
  return getOrCreate(config, Histogram<T>, () => new Histogram(config));
}

/** The first metric collectDefaultMetrics registers, which tells whether it already ran. */
const DEFAULT_METRICS_MARKER = 'process_cpu_user_seconds_total';

/** Process and Node.js runtime metrics, collected once per registry however often it is asked. */
export function ensureDefaultMetrics(registry: Registry = register): void {
  if (registry.getSingleMetric(DEFAULT_METRICS_MARKER) !== undefined) return;
  collectDefaultMetrics({ register: registry });
}
