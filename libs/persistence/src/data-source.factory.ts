import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import type { DatabaseTimeouts } from '@envrefresh/config';

export interface ServiceDataSourceOptions {
  url: string;
  /** The service's own schema; no other service reads it. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  /** Shown in pg_stat_activity, so an operator can tell whose connection is whose. */
  applicationName: string;
  poolSize?: number;
  /**
   * Set on every connection of the pool (DATABASE_*_TIMEOUT). Absent: Postgres's defaults (no
   * limit), which only migrations and one-off tools should run with.
   */
  timeouts?: DatabaseTimeouts;
}

/** The session settings node-postgres sends when it opens a connection. */
export function sessionTimeoutSettings(timeouts: DatabaseTimeouts | undefined): Record<string, number> {
  if (!timeouts) return {};
  return {
    statement_timeout: timeouts.statementTimeoutMs,
    lock_timeout: timeouts.lockTimeoutMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
  };
}

/** node-postgres' own default, kept when a caller names no size. */
export const DEFAULT_POOL_SIZE = 10;

export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  const dataSourceOptions: DataSourceOptions = {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      application_name: options.applicationName,
      // Generous: a loaded machine (CI running many suites) answers slowly, and a timeout fails the start.
      connectionTimeoutMillis: 15000,
      ...sessionTimeoutSettings(options.timeouts),
    },
  };
  return new DataSource(dataSourceOptions);
}
