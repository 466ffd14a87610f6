import { Registry, register } from 'prom-client';
import {
  ensureDefaultMetrics,
  getOrCreateCounter,
  getOrCreateGauge,
  getOrCreateHistogram,
} from './metric-registry';

describe('metric registry helpers', () => {
  it('returns the metric already registered under a name instead of throwing', () => {
    const first = getOrCreateCounter({ name: 'unit_jobs_total', help: 'jobs', labelNames: ['queue'] });
    const second = getOrCreateCounter({ name: 'unit_jobs_total', help: 'jobs', labelNames: ['queue'] });
    expect(second).toBe(first);
    expect(getOrCreateGauge({ name: 'unit_depth', help: 'depth' })).toBe(
      getOrCreateGauge({ name: 'unit_depth', help: 'depth' }),
    );
    expect(getOrCreateHistogram({ name: 'unit_latency_seconds', help: 'latency' })).toBe(
      getOrCreateHistogram({ name: 'unit_latency_seconds', help: 'latency' }),
    );
  });

  it('registers new metrics on the default registry, where /metrics reads them', async () => {
    getOrCreateCounter({ name: 'unit_visible_total', help: 'visible', labelNames: ['kind'] }).inc({
      kind: 'a',
    });
    expect(await register.metrics()).toContain('unit_visible_total{kind="a"} 1');
  });

  it('refuses a name already taken by another kind of metric', () => {
    getOrCreateGauge({ name: 'unit_kind_clash', help: 'gauge' });
    expect(() => getOrCreateCounter({ name: 'unit_kind_clash', help: 'counter' })).toThrow(
      'Metric unit_kind_clash is already registered as another kind than Counter',
    );
  });

  it('refuses the same name with other labels', () => {
    getOrCreateCounter({ name: 'unit_label_clash_total', help: 'x', labelNames: ['a', 'b'] });
    expect(
      getOrCreateCounter({ name: 'unit_label_clash_total', help: 'x', labelNames: ['b', 'a'] }),
    ).toBeDefined();
    expect(() =>
      getOrCreateCounter({ name: 'unit_label_clash_total', help: 'x', labelNames: ['a'] }),
    ).toThrow('Metric unit_label_clash_total is already registered with labels [a,b], not [a]');
  });

  it('looks in the registry a metric names', () => {
    const own = new Registry();
    const counter = getOrCreateCounter({ name: 'unit_own_total', help: 'own', registers: [own] });
    expect(getOrCreateCounter({ name: 'unit_own_total', help: 'own', registers: [own] })).toBe(counter);
    expect(register.getSingleMetric('unit_own_total')).toBeUndefined();
  });

  it('collects default process metrics once however often asked', async () => {
    const registry = new Registry();
    ensureDefaultMetrics(registry);
    expect(() => ensureDefaultMetrics(registry)).not.toThrow();
    const text = await registry.metrics();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text.match(/^# TYPE process_cpu_user_seconds_total /gm)).toHaveLength(1);
  });
});
