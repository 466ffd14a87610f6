import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const BENCH_DATABASE_PATTERN = /^envrefresh_bench_[a-f0-9]+$/;

export interface BenchDatabase {
  name: string;
  url: string;
  serverVersion: string;
  drop(): Promise<void>;
}

/**
 * A throw-away database on the server of DATABASE_URL, so the benchmark never writes into a
 * database anybody uses. Only names matching the pattern are ever dropped.
 */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `envrefresh_bench_${randomBytes(5).toString('hex')}`;
  const serverVersion = await withServer(serverUrl, async (client) => {
    await client.query(`CREATE DATABASE "${name}"`);
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0].server_version;
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), serverVersion, drop: () => dropBenchDatabase(serverUrl, name) };
}

async function dropBenchDatabase(serverUrl: string, name: string): Promise<void> {
  if (!BENCH_DATABASE_PATTERN.test(name)) throw new Error(`refusing to drop "${name}": not a bench database`);
  await withServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function withServer<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    connectionString: serverUrl,
    connectionTimeoutMillis: 10_000,
    application_name: 'envrefresh-bench',
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
