import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase, testDatabaseAdminUrl } from '@envrefresh/testing';

async function databaseExists(name: string): Promise<boolean> {
  const admin = new Client({ connectionString: testDatabaseAdminUrl() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await admin.end();
  }
}

describe('test databases', () => {
  it('creates a fresh database that answers on its URL and drops it even while a client is connected', async () => {
    const database = await createTestDatabase();
    expect(database.name).toMatch(/^envrefresh_test_[a-z0-9]+$/);
    expect(await databaseExists(database.name)).toBe(true);

    const client = new Client({ connectionString: database.url });
    client.on('error', () => undefined);
    await client.connect();
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    expect(rows[0].db).toBe(database.name);

    await database.drop();
    expect(await databaseExists(database.name)).toBe(false);
    await client.end().catch(() => undefined);
  });

  it('gives each call its own database', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(first.name).not.toBe(second.name);
    } finally {
      await Promise.all([first.drop(), second.drop()]);
    }
  });

  it('refuses to drop a database that is not a test database', async () => {
    await expect(dropTestDatabase('postgres')).rejects.toThrow(/Refusing to touch database "postgres"/);
    await expect(dropTestDatabase('envrefresh')).rejects.toThrow(/Refusing/);
    await expect(dropTestDatabase('envrefresh_test_x"; DROP DATABASE postgres; --')).rejects.toThrow(
      /Refusing/,
    );
    expect(await databaseExists('postgres')).toBe(true);
  });
});
