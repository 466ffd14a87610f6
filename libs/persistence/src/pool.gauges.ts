import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { getOrCreateGauge } from '@envrefresh/observability';

const pools = new Map<string, { pool: Pool; max: number }>();

// Read at scrape time from node-postgres' own counters.
getOrCreateGauge({
  name: 'db_pool_connections',
  help: 'Connections of the service pool: state=open (checked out or idle), idle, or waiting (callers queued for one)',
  labelNames: ['service', 'state'],
  collect() {
    for (const [service, { pool }] of pools) {
      this.set({ service, state: 'open' }, pool.totalCount);
      this.set({ service, state: 'idle' }, pool.idleCount);
      this.set({ service, state: 'waiting' }, pool.waitingCount);
    }
  },
});
getOrCreateGauge({
  name: 'db_pool_max_connections',
  help: 'Most connections the service pool may open (DATABASE_POOL_SIZE)',
  labelNames: ['service'],
  collect() {
    for (const [service, { max }] of pools) this.set({ service }, max);
  },
});

/** Shows the pool of an initialized DataSource until the returned function is called. */
export function registerPoolGauges(service: string, dataSource: DataSource, max: number): () => void {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const entry = { pool, max };
  pools.set(service, entry);
  return () => {
    if (pools.get(service) === entry) pools.delete(service);
  };
}
