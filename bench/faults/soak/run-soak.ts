import { checkpoint, RunRecord } from '../checkpoint';
import { FaultsOptions } from '../faults-options';
import { Harness } from '../harness-setup';
import { isSuccess } from '../load/api-client';
import { LoadDriver } from '../load/load-driver';
import { sleep } from '../own-services/own-process';
import { FaultRow } from '../report/fault-table';
import { RssSample, RssTrend, rssTrendAfterWarmUp, rssVerdict } from './rss-slope';

const SPIKE_SECONDS = 10;
const RSS_SAMPLE_MS = 5_000;
const WATCH_SAMPLE_MS = 15_000;
export const SOAK_PHASE = 'soak';

export interface SoakResult {
  row: FaultRow;
  /** Flows per second reached at the top of the spike and held after it. */
  spikeRate: number;
  sustainedRate: number;
  /** Successful requests per second over the sustained part. */
  answeredPerSecond: number;
  memory: { label: string; trend: RssTrend; verdict: string }[];
  /** Highest connection count each app's pools held at once (all its replicas together). */
  poolPeaks: Map<string, number>;
  /** Highest depth each consumer queue reached. */
  queuePeaks: Map<string, number>;
  shedFlows: number;
}

/**
 * From idle to twice the sustained rate in ten seconds, then the sustained rate for the run's
 * duration, sampling each process's RSS, the database connections per app and the broker's queues.
 */
export async function runSoak(
  harness: Harness,
  driver: LoadDriver,
  options: FaultsOptions,
  record: RunRecord,
  progress: (line: string) => void,
): Promise<SoakResult> {
  harness.log.phase = SOAK_PHASE;
  harness.receiver.phase = SOAK_PHASE;
  const samples = new Map<string, RssSample[]>();
  const poolPeaks = new Map<string, number>();
  const queuePeaks = new Map<string, number>();
  const sampleRss = () => {
    for (const process of harness.suite.processes) {
      try {
        const { rssMb } = process.child.memory();
        samples.set(process.label, [...(samples.get(process.label) ?? []), { atMs: Date.now(), rssMb }]);
      } catch {
        /* a process between restarts has no RSS to read */
      }
    }
  };
  const watch = async () => {
    const [connections, queues] = await Promise.all([
      harness.facts.connectionsByApplication(),
      harness.facts.queueDepths(),
    ]);
    for (const [app, count] of connections) poolPeaks.set(app, Math.max(poolPeaks.get(app) ?? 0, count));
    for (const queue of queues.flowing)
      queuePeaks.set(queue.queue, Math.max(queuePeaks.get(queue.queue) ?? 0, queue.messages));
  };
  const rssTimer = setInterval(sampleRss, RSS_SAMPLE_MS);
  const watchTimer = setInterval(() => void watch().catch(() => undefined), WATCH_SAMPLE_MS);
  const spikeRate = options.rate * 2;
  try {
    progress(`spike: 0 → ${spikeRate} flows/s in ${SPIKE_SECONDS} s`);
    for (let second = 1; second <= SPIKE_SECONDS; second += 1) {
      driver.setRate((spikeRate * second) / SPIKE_SECONDS);
      await sleep(1_000);
    }
    progress(`sustained: ${options.rate} flows/s for ${options.durationSeconds} s`);
    driver.setRate(options.rate);
    const sustainedFrom = Date.now();
    const deadline = sustainedFrom + options.durationSeconds * 1000;
    while (Date.now() < deadline) {
      await sleep(Math.min(60_000, deadline - Date.now()));
      progress(
        `  ${Math.round((Date.now() - sustainedFrom) / 1000)} s, ${driver.started} flows started, ${driver.shed} shed`,
      );
    }
    const sustainedSeconds = (Date.now() - sustainedFrom) / 1000;
    const answered = harness.log.records.filter(
      (entry) => entry.startedAtMs >= sustainedFrom && isSuccess(entry.status),
    ).length;
    await driver.pause();
    sampleRss();
    const violations = await checkpoint(harness, record, progress);
    const records = harness.log.records.filter((entry) => entry.phase === SOAK_PHASE);
    const errorsByStatus = new Map<number, number>();
    for (const entry of records)
      if (!isSuccess(entry.status))
        errorsByStatus.set(entry.status, (errorsByStatus.get(entry.status) ?? 0) + 1);
    const memory = [...samples.entries()].map(([label, series]) => {
      const trend = rssTrendAfterWarmUp(series);
      return { label, trend, verdict: rssVerdict(trend) };
    });
    return {
      row: {
        fault: `soak: spike to ${spikeRate}/s, ${options.rate}/s for ${options.durationSeconds} s`,
        requests: records.length,
        errorsByStatus,
        readyAgainMs: 0,
        violations,
      },
      spikeRate,
      sustainedRate: options.rate,
      answeredPerSecond: answered / sustainedSeconds,
      memory,
      poolPeaks,
      queuePeaks,
      shedFlows: driver.shed,
    };
  } finally {
    clearInterval(rssTimer);
    clearInterval(watchTimer);
  }
}

export function renderSoak(result: SoakResult): string {
  const lines = [
    `answered ${result.answeredPerSecond.toFixed(1)} requests/s (2xx) at ${result.sustainedRate} flows/s; ${result.shedFlows} flows shed`,
    '',
    '| process | samples | max RSS | slope after warm-up | verdict |',
    '| --- | --- | --- | --- | --- |',
    ...result.memory.map(
      ({ label, trend, verdict }) =>
        `| ${label} | ${trend.samples} | ${trend.maxMb.toFixed(0)} MB | ${trend.slopeMbPerMinute.toFixed(2)} MB/min | ${verdict} |`,
    ),
    '',
    `DB connections, peak per app (all replicas): ${[...result.poolPeaks.entries()].map(([app, peak]) => `${app} ${peak}`).join(', ') || 'not sampled'}`,
    `consumer queues, peak depth: ${[...result.queuePeaks.entries()].map(([queue, peak]) => `${queue} ${peak}`).join(', ') || 'not sampled'}`,
  ];
  return lines.join('\n');
}
