import { getOrCreateCounter, getOrCreateGauge } from '../metrics/metric-registry';

const ready = getOrCreateGauge({
  name: 'app_ready',
  help: 'Whether the last readiness probe passed: 1 ready, 0 not ready',
});

const changes = getOrCreateCounter({
  name: 'app_readiness_changes_total',
  help: 'Times the readiness answer turned from ready to not ready or back (flapping when it climbs)',
});

let last: boolean | undefined;

/** Called with every readiness answer; the probe's own cadence makes the counter a flapping signal. */
export function recordReadiness(isReady: boolean): void {
  if (last !== undefined && last !== isReady) changes.inc();
  last = isReady;
  ready.set(isReady ? 1 : 0);
}
