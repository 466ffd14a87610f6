import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testDatabaseAdminUrl } from './test-services';

export const TEST_DATABASE_PREFIX = 'envrefresh_test_';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one spec file, on the server of TEST_DATABASE_URL. Apps keep their
 * real schema names inside it, and parallel spec files never see each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = testDatabaseAdminUrl();
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  assertTestDatabaseName(name);
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  return { name, url: databaseUrl(adminUrl, name), drop: () => dropTestDatabase(name, adminUrl) };
}

/** Drops a test database, ending any connection a spec or an app under test left open. */
export async function dropTestDatabase(name: string, adminUrl = testDatabaseAdminUrl()): Promise<void> {
  assertTestDatabaseName(name);
  await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/**
 * The guard against a test run creating or dropping a real database: only names this module
 * generates pass, and they need no quoting beyond the double quotes above.
 */
export function assertTestDatabaseName(name: string): void {
  if (!new RegExp(`^${TEST_DATABASE_PREFIX}[a-z0-9_]+$`).test(name)) {
    throw new Error(
      `Refusing to touch database "${name}": test databases are named ${TEST_DATABASE_PREFIX}<random>`,
    );
  }
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
