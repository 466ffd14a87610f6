import type { DataSource } from 'typeorm';
import type { ReadinessCheck } from './readiness-check';

/** Ready when the app's pool can run a query; an uninitialised DataSource is not ready. */
export class PostgresReadinessCheck implements ReadinessCheck {
  readonly name = 'database';

  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<void> {
    if (!this.dataSource.isInitialized) throw new Error('the database connection is not initialised');
    await this.dataSource.query('SELECT 1');
  }
}
