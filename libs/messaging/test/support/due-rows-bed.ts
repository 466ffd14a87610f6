import { DataSource, EntityManager } from 'typeorm';
import { createServiceDataSource, runMigrations } from '@envrefresh/persistence';
import { createTestDatabase, TestDatabase } from '@envrefresh/testing';
import {
  CreateMessagingTables1763780000000,
  DueRowWorker,
  DueRowWorkerOptions,
  InTransactionJob,
  LeasedJob,
} from '../../src';

export const SCHEMA = 'jobs';

/** A job as scheduling will keep them: due at a time, fired once, in a leased or locked claim. */
export interface JobRow {
  id: number;
  dueAt: Date;
}

/**
 * One spec file's database with a `jobs.jobs` table shaped for both modes, `jobs.runs` recording
 * every time a handler ran (so a row run twice shows), and the messaging tables (the outbox).
 */
export class DueRowsBed {
  private readonly dataSources: DataSource[] = [];
  private readonly workers: DueRowWorker<unknown>[] = [];

  private constructor(
    private readonly database: TestDatabase,
    readonly dataSource: DataSource,
  ) {}

  static async create(): Promise<DueRowsBed> {
    const database = await createTestDatabase();
    const options = { url: database.url, schema: SCHEMA, applicationName: 'due-rows-spec' };
    await runMigrations({ ...options, migrations: [CreateMessagingTables1763780000000] });
    const dataSource = await createServiceDataSource(options).initialize();
    await dataSource.query(`
      CREATE TABLE ${SCHEMA}.jobs (
        id int PRIMARY KEY,
        due_at timestamptz NOT NULL,
        fired_at timestamptz,
        outcome text,
        attempts int NOT NULL DEFAULT 0,
        leased_until timestamptz,
        lease_owner text
      )`);
    await dataSource.query(`CREATE INDEX jobs_due_idx ON ${SCHEMA}.jobs (due_at) WHERE fired_at IS NULL`);
    await dataSource.query(`CREATE TABLE ${SCHEMA}.runs (job_id int NOT NULL, worker text NOT NULL)`);
    const bed = new DueRowsBed(database, dataSource);
    bed.dataSources.push(dataSource);
    return bed;
  }

  get databaseUrl(): string {
    return this.database.url;
  }

  /** Another pool, as another replica of the service would have. */
  async openDataSource(): Promise<DataSource> {
    const dataSource = await createServiceDataSource({
      url: this.database.url,
      schema: SCHEMA,
      applicationName: 'due-rows-spec',
      poolSize: 4,
    }).initialize();
    this.dataSources.push(dataSource);
    return dataSource;
  }

  async addJobs(count: number, dueAt = new Date(Date.now() - 1000), firstId = 1): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${SCHEMA}.jobs (id, due_at) SELECT g, $2 FROM generate_series($1::int, $1::int + $3 - 1) g`,
      [firstId, dueAt.toISOString(), count],
    );
  }

  worker<TRow, TResult>(
    job: InTransactionJob<TRow> | LeasedJob<TRow, TResult>,
    options: Partial<DueRowWorkerOptions> = {},
    dataSource = this.dataSource,
  ): DueRowWorker<TRow, TResult> {
    const worker = new DueRowWorker(dataSource, job, {
      service: 'spec',
      name: 'jobs',
      batchSize: 10,
      pollIntervalMs: 50,
      maxBackoffMs: 200,
      ...options,
    });
    this.workers.push(worker as DueRowWorker<unknown>);
    return worker;
  }

  async scalar(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT (${sql})::int AS n`, params);
    return row.n;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.workers.map((worker) => worker.stop()));
    await Promise.allSettled(this.dataSources.map((dataSource) => dataSource.destroy()));
    await this.database.drop();
  }
}

/** Mode (a) on `jobs.jobs`: claim unfired due rows, locked; the handler marks them fired. */
export function firingJob(
  fire: (manager: EntityManager, rows: JobRow[]) => Promise<void>,
): InTransactionJob<JobRow> {
  return {
    mode: 'transaction',
    async claim(manager, { limit, now }) {
      const rows: Array<{ id: number; due_at: Date }> = await manager.query(
        `SELECT id, due_at FROM ${SCHEMA}.jobs WHERE fired_at IS NULL AND due_at <= $1
          ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now.toISOString(), limit],
      );
      return rows.map((row) => ({ id: row.id, dueAt: row.due_at }));
    },
    async handle(manager, rows) {
      await fire(manager, rows);
      await manager.query(`UPDATE ${SCHEMA}.jobs SET fired_at = now() WHERE id = ANY($1::int[])`, [
        rows.map((row) => row.id),
      ]);
      return { done: rows.length, failed: 0 };
    },
    dueAt: (row) => row.dueAt,
  };
}

/** Mode (b) on `jobs.jobs`: the run happens outside any transaction; settling records the outcome. */
export function leasedJob(run: (row: JobRow) => Promise<string>, leaseMs = 5_000): LeasedJob<JobRow, string> {
  return {
    mode: 'lease',
    table: {
      schema: SCHEMA,
      table: 'jobs',
      pending: 'fired_at IS NULL',
      columns: ['id', 'due_at'],
    },
    leaseMs,
    map: (raw) => ({ id: Number(raw.id), dueAt: raw.due_at as Date }),
    start: (rows) => rows.map(run),
    async settle(manager, settled) {
      for (const { row, outcome } of settled)
        if (outcome.ok)
          await manager.query(`UPDATE ${SCHEMA}.jobs SET fired_at = now(), outcome = $2 WHERE id = $1`, [
            row.id,
            outcome.value,
          ]);
        else
          await manager.query(
            `UPDATE ${SCHEMA}.jobs SET attempts = attempts + 1, outcome = $2, due_at = now() + interval '1 hour' WHERE id = $1`,
            [row.id, `failed: ${outcome.error.message}`],
          );
    },
    dueAt: (row) => row.dueAt,
  };
}
