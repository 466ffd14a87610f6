import { Client } from 'pg';
import { ServiceDataSourceOptions, createServiceDataSource } from '../data-source.factory';

export interface MigrationReport {
  schema: string;
  applied: string[];
}

/**
 * Creates the service's schema if missing and applies pending migrations while holding a
 * session-level advisory lock, so concurrent runs (two Jobs, a Job and a developer) queue up
 * instead of racing: TypeORM itself takes no lock and does not create the schema.
 */
export async function runMigrations(options: ServiceDataSourceOptions): Promise<MigrationReport> {
  const lockHolder = new Client({
    connectionString: options.url,
    application_name: `${options.applicationName}:migrate-lock`,
  });
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock(hashtext($1))', [`envrefresh:migrate:${options.schema}`]);
    await lockHolder.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
    const dataSource = createServiceDataSource({ ...options, poolSize: 2 });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return { schema: options.schema, applied: applied.map((migration) => migration.name) };
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lockHolder
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`envrefresh:migrate:${options.schema}`])
      .catch(() => undefined);
    await lockHolder.end();
  }
}

export function quoteIdentifier(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
