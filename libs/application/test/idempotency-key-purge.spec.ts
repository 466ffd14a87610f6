import { DataSource } from 'typeorm';
import { createServiceDataSource, runMigrations } from '@envrefresh/persistence';
import { TestDatabase, createTestDatabase, eventually } from '@envrefresh/testing';
import {
  CreateIdempotencyKeys1763790000300,
  IdempotencyKeyJanitor,
  IndexIdempotencyKeyAge1765000000100,
} from '../src';

const DAY_MS = 86_400_000;

describe('Idempotency-Keys are purged after their retention', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const now = new Date('2031-06-10T12:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    const options = { url: database.url, schema: 'keys', applicationName: 'idempotency-purge-spec' };
    await runMigrations({
      ...options,
      migrations: [CreateIdempotencyKeys1763790000300, IndexIdempotencyKeyAge1765000000100],
    });
    dataSource = await createServiceDataSource(options).initialize();
  }, 30_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const remember = (key: string, createdAt: Date) =>
    dataSource.query(
      `INSERT INTO keys.idempotency_keys (actor_sub, key, request_hash, response, created_at)
       VALUES ('rita', $1, 'hash', '{"id":"x"}', $2)`,
      [key, createdAt],
    );
  const keys = async () =>
    ((await dataSource.query('SELECT key FROM keys.idempotency_keys ORDER BY key')) as { key: string }[]).map(
      (row) => row.key,
    );

  it('deletes the keys older than the retention and keeps the younger ones', async () => {
    await remember('eight-days-old', new Date(now.getTime() - 8 * DAY_MS));
    await remember('just-past', new Date(now.getTime() - 7 * DAY_MS - 1_000));
    await remember('six-days-old', new Date(now.getTime() - 6 * DAY_MS));
    await remember('fresh', now);
    const janitor = new IdempotencyKeyJanitor(dataSource, 'keys', 7 * DAY_MS);

    expect(await janitor.purge(now)).toBe(2);
    expect(await keys()).toEqual(['fresh', 'six-days-old']);
    expect(await janitor.purge(now)).toBe(0);
  });

  it('purges as soon as the service starts (then hourly)', async () => {
    await remember('ancient', new Date(Date.now() - 30 * DAY_MS));
    const janitor = new IdempotencyKeyJanitor(dataSource, 'keys', 7 * DAY_MS);
    janitor.onApplicationBootstrap();
    try {
      await eventually(async () => expect(await keys()).not.toContain('ancient'), { timeoutMs: 5_000 });
    } finally {
      await janitor.beforeApplicationShutdown();
    }
  });

  it('has nothing to purge in a schema without Idempotency-Keys', async () => {
    const janitor = new IdempotencyKeyJanitor(dataSource, 'scheduling', DAY_MS);
    expect(await janitor.purge(now)).toBe(0);
  });
});
