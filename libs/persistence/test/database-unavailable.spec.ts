import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '@envrefresh/persistence';
import { TcpProxy, TestDatabase, createTestDatabase, startTcpProxy } from '@envrefresh/testing';

/**
 * The fault harness found services answering 500 while their database was cut or restarting
 * (issue 13): what node-postgres and TypeORM throw then must be told apart from a wrong query, so
 * the service answers 503. These are the errors a real server and a real cut produce.
 */
describe('isDatabaseUnavailable, on the errors a real outage raises', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;

  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.url);
    proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
  });

  afterAll(async () => {
    await proxy?.close();
    await database?.drop();
  });

  const failureOf = async (work: () => Promise<unknown>): Promise<unknown> => {
    try {
      await work();
    } catch (error) {
      return error;
    }
    throw new Error('expected the work to fail');
  };

  it('recognises a query on a connection the network cut, and a connection refused meanwhile', async () => {
    const pool = new Pool({
      connectionString: proxy.url(database.url),
      max: 1,
      connectionTimeoutMillis: 2_000,
    });
    pool.on('error', () => undefined);
    try {
      await pool.query('SELECT 1');
      proxy.sever();
      const cut = await failureOf(() => pool.query('SELECT pg_sleep(0.1)'));
      const refused = await failureOf(() => pool.query('SELECT 1'));
      expect(isDatabaseUnavailable(cut)).toBe(true);
      expect(isDatabaseUnavailable(refused)).toBe(true);
    } finally {
      proxy.restore();
      await pool.end();
    }
  });

  it('recognises a backend the server terminated, as a restart does, through TypeORM', async () => {
    const dataSource = await new DataSource({
      type: 'postgres',
      url: database.url,
      poolSize: 1,
    }).initialize();
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      const wrongQuery = await failureOf(() => dataSource.query('SELECT * FROM no_such_table'));
      expect(isDatabaseUnavailable(wrongQuery)).toBe(false);
      const [{ pid }] = (await dataSource.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
      const longQuery = failureOf(() => dataSource.query('SELECT pg_sleep(5)'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      const terminated = await longQuery;
      expect(isDatabaseUnavailable(terminated)).toBe(true);
    } finally {
      await admin.end();
      await dataSource.destroy();
    }
  });
});
