import { Client } from 'pg';
import { runMigrations } from '@envrefresh/persistence';
import { CONFLICTS_MIGRATIONS } from '../../../apps/conflicts/src/migrations';
import { nowMs } from '../../support/latency';
import { Random } from '../random';
import { BenchCalendar, HOUR_MS } from './bench-calendar';
import { EnvironmentFixture, environmentFixtures } from './environment-fixtures';
import {
  INSERT_BOOKINGS_SQL,
  INSERT_ENVIRONMENTS_SQL,
  INSERT_INTENTS_SQL,
  INSERT_WINDOWS_SQL,
} from './seed-sql';
import { windowFixtures } from './window-fixtures';

export interface WorldCounts {
  environments: number;
  layers: number;
  ownMaintenancePercent: number;
  intents: number;
  bookings: number;
  windows: number;
  recurringPercent: number;
}

/** What the measurements draw their payloads from. */
export interface SeededWorld {
  calendar: BenchCalendar;
  environments: Pick<EnvironmentFixture, 'id' | 'key' | 'layer'>[];
  /** Environments copies read from, and snapshot names: the sources checks sometimes name. */
  sourceEnvironmentIds: string[];
  snapshots: string[];
  /** Milliseconds per step, in order. */
  timingsMs: Record<string, number>;
  /** Rows and on-disk size (table + indexes) per table. */
  tables: { table: string; rows: number; megabytes: number }[];
}

const SOURCE_POOL = 200;
const SNAPSHOT_POOL = 300;

/**
 * Creates the conflicts schema with the service's own migrations, fills it set-based, then
 * VACUUM ANALYZE, as a database that has lived for two years would be (statistics current,
 * visibility map set, no hint bits left to write during the measurement), and a CHECKPOINT (no
 * dirty pages of the seeding left to write either).
 */
export async function seedWorld(
  databaseUrl: string,
  counts: WorldCounts,
  calendar: BenchCalendar,
  seed: number,
  progress: (step: string) => void,
): Promise<SeededWorld> {
  const timingsMs: Record<string, number> = {};
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    progress(step);
    const started = nowMs();
    const result = await work();
    timingsMs[step] = nowMs() - started;
    return result;
  };
  await timed('migrations', () =>
    runMigrations({
      url: databaseUrl,
      schema: 'conflicts',
      migrations: CONFLICTS_MIGRATIONS,
      applicationName: 'envrefresh-conflicts-bench:migrate',
    }),
  );

  const random = new Random(seed);
  const environments = environmentFixtures(counts, calendar, random);
  const ids = environments.map((environment) => environment.id);
  const sourceEnvironmentIds = random.sample(ids, SOURCE_POOL);
  const snapshots = Array.from(
    { length: SNAPSHOT_POOL },
    (_, index) => `golden-${String(index + 1).padStart(3, '0')}`,
  );
  const windows = windowFixtures(counts, ids, calendar, random);

  const client = new Client({
    connectionString: databaseUrl,
    application_name: 'envrefresh-conflicts-bench:seed',
  });
  await client.connect();
  try {
    await client.query('SELECT setseed($1)', [(seed % 1000) / 1000]);
    await timed(`${counts.environments} environments`, () =>
      client.query(INSERT_ENVIRONMENTS_SQL, [
        JSON.stringify(environments.map(({ layer: _layer, ...row }) => row)),
      ]),
    );
    await timed(`${counts.windows} windows`, () =>
      client.query(INSERT_WINDOWS_SQL, [JSON.stringify(windows)]),
    );
    const spanHours = (calendar.to.getTime() - calendar.from.getTime()) / HOUR_MS;
    await timed(`${counts.intents} intents`, () =>
      client.query(INSERT_INTENTS_SQL, [
        counts.intents,
        calendar.from,
        calendar.now,
        spanHours * 4,
        ids,
        sourceEnvironmentIds,
        snapshots,
      ]),
    );
    await timed(`${counts.bookings} bookings`, () =>
      client.query(INSERT_BOOKINGS_SQL, [counts.bookings, calendar.from, spanHours * 2, ids]),
    );
    await timed('VACUUM ANALYZE', () =>
      client.query(
        'VACUUM (ANALYZE) conflicts.environments, conflicts.windows, conflicts.intent_windows, conflicts.bookings',
      ),
    );
    // The seeding's half a gigabyte of WAL starts a checkpoint that writes its pages back, spread
    // over the next 20-odd seconds, through the measurements: runs whose steady phase met it had a
    // p99 five times the others'. Written now, it is not measured as the service's.
    await timed('CHECKPOINT', () => client.query('CHECKPOINT'));
    const { rows } = await client.query<{ table: string; rows: string; bytes: string }>(
      `SELECT c.relname AS table, c.reltuples::bigint AS rows, pg_total_relation_size(c.oid) AS bytes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'conflicts' AND c.relname IN ('environments', 'windows', 'intent_windows', 'bookings')
        ORDER BY c.relname`,
    );
    return {
      calendar,
      environments: environments.map(({ id, key, layer }) => ({ id, key, layer })),
      sourceEnvironmentIds,
      snapshots,
      timingsMs,
      tables: rows.map((row) => ({
        table: row.table,
        rows: Number(row.rows),
        megabytes: Number(row.bytes) / 1024 / 1024,
      })),
    };
  } finally {
    await client.end();
  }
}
