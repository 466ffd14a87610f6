import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { LatencySummary, nowMs, summarizeLatencies } from '../../support/latency';

/**
 * Where a phase's tail comes from, measured while it runs in this process (the service is
 * in-process here): how late the event loop ran its timers, how long garbage collection paused
 * it, how long a check waited for a pooled connection, and how long the pool's queries took from
 * call to answer (the wait included).
 */
export interface TailFigures {
  /** perf_hooks monitorEventLoopDelay at 1 ms resolution: a timer's delay past its due time. */
  eventLoopDelay: { p50Ms: number; p99Ms: number; maxMs: number };
  /** Every GC pause of the phase, by kind (minor: scavenges; major: mark-sweep-compact; …). */
  gc: {
    pauses: number;
    totalMs: number;
    maxMs: number;
    byKind: Record<string, { pauses: number; totalMs: number }>;
  };
  /** From `pool.connect()` to a client in hand, per acquisition. */
  poolWait: LatencySummary & { waitedOver1Ms: number };
  /** `pool.query()` from call to result (what the situation statement costs a check, the wait included). */
  poolQuery: LatencySummary;
}

const GC_KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };

/** Starts watching; the returned function stops and gives the figures of the time between. */
export function startTailProbe(dataSource: DataSource): () => TailFigures {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const pauses: { kind: string; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0;
      pauses.push({ kind: GC_KINDS[kind] ?? String(kind), ms: entry.duration });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const waits: number[] = [];
  const queries: number[] = [];
  const restore = instrument(pool, waits, queries);
  return () => {
    loop.disable();
    observer.disconnect();
    restore();
    const byKind: TailFigures['gc']['byKind'] = {};
    for (const { kind, ms } of pauses) {
      const entry = (byKind[kind] ??= { pauses: 0, totalMs: 0 });
      entry.pauses += 1;
      entry.totalMs += ms;
    }
    const nanosToMs = (nanos: number) => nanos / 1e6;
    return {
      eventLoopDelay: {
        p50Ms: nanosToMs(loop.percentile(50)),
        p99Ms: nanosToMs(loop.percentile(99)),
        maxMs: nanosToMs(loop.max),
      },
      gc: {
        pauses: pauses.length,
        totalMs: pauses.reduce((sum, { ms }) => sum + ms, 0),
        maxMs: pauses.reduce((most, { ms }) => Math.max(most, ms), 0),
        byKind,
      },
      poolWait: { ...summarizeLatencies(waits), waitedOver1Ms: waits.filter((ms) => ms > 1).length },
      poolQuery: summarizeLatencies(queries),
    };
  };
}

type ConnectCallback = (
  error: Error | undefined,
  client: PoolClient | undefined,
  release: () => void,
) => void;

/** Wraps the pool's connect and query (on the instance: pool.query calls this.connect) for the phase. */
function instrument(pool: Pool, waits: number[], queries: number[]): () => void {
  const connect = pool.connect as unknown as (this: Pool, callback?: ConnectCallback) => unknown;
  const query = pool.query;
  const timedConnect = function (this: Pool, callback?: ConnectCallback) {
    const asked = nowMs();
    if (typeof callback === 'function') {
      return connect.call(this, ((error, client, release) => {
        waits.push(nowMs() - asked);
        callback(error, client, release);
      }) as ConnectCallback);
    }
    return (connect.call(this) as Promise<PoolClient>).then((client) => {
      waits.push(nowMs() - asked);
      return client;
    });
  };
  const timedQuery = function (this: Pool, ...args: unknown[]) {
    const called = nowMs();
    const result = (query as (...parameters: unknown[]) => unknown).apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      void (result as Promise<unknown>).then(
        () => queries.push(nowMs() - called),
        () => undefined,
      );
    return result;
  };
  pool.connect = timedConnect as unknown as Pool['connect'];
  pool.query = timedQuery as Pool['query'];
  return () => {
    pool.connect = connect as unknown as Pool['connect'];
    pool.query = query;
  };
}
