import { DataSource } from 'typeorm';
import { ServiceDataSourceOptions, createServiceDataSource, runMigrations } from '@envrefresh/persistence';
import { TestDatabase, createTestDatabase } from './test-database';

export interface MigratedTestDatabase {
  database: TestDatabase;
  dataSource: DataSource;
  /** Closes the pool, then drops the database. */
  close(): Promise<void>;
}

/**
 * A database of its own with one service's schema migrated, and a pool on it: for specs of what
 * the schema itself does (triggers, locks, indexes) without starting the service.
 */
export async function migratedTestDatabase(
  options: Omit<ServiceDataSourceOptions, 'url'>,
): Promise<MigratedTestDatabase> {
  const database = await createTestDatabase();
  const withUrl = { ...options, url: database.url };
  await runMigrations(withUrl);
  const dataSource = await createServiceDataSource({ poolSize: 4, ...withUrl }).initialize();
  return {
    database,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
