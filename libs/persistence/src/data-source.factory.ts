import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

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
    },
  };
  return new DataSource(dataSourceOptions);
}
