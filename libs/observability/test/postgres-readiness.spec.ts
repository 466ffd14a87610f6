import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTcpProxy, testDatabaseAdminUrl, type TcpProxy } from '@envrefresh/testing';
import { DataSource } from 'typeorm';
import { PostgresReadinessCheck } from '../src';
import { startObservedApp } from './support/observed-app';

describe('PostgresReadinessCheck', () => {
  let proxy: TcpProxy;
  let dataSource: DataSource;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const adminUrl = new URL(testDatabaseAdminUrl());
    proxy = await startTcpProxy(adminUrl.hostname, Number(adminUrl.port || 5432));
    dataSource = new DataSource({
      type: 'postgres',
      url: proxy.url(adminUrl.toString()),
      // Room for a slow connect on a loaded machine (the clean-clone CI once saw 1 s run out while
      // the suite ran in parallel); a severed proxy resets new connections at once anyway.
      extra: { max: 2, connectionTimeoutMillis: 5000 },
    });
    await dataSource.initialize();
    ({ app } = await startObservedApp({
      readiness: { useFactory: () => [new PostgresReadinessCheck(dataSource)], timeoutMs: 2000 },
    }));
  });

  afterAll(async () => {
    await app?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await proxy?.close();
  });

  it('is ready while the database answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json().details).toEqual({ database: { status: 'up' } });
  });

  it('is not ready while the network to the database is cut, and ready again after', async () => {
    proxy.sever();
    const cut = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(cut.statusCode).toBe(503);
    expect(cut.json().error.database).toMatchObject({ status: 'down', message: expect.any(String) });
    expect(cut.json().error.database.message).not.toBe('');

    proxy.restore();
    const restored = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(restored.statusCode).toBe(200);
  });

  it('is not ready before the DataSource is initialised', async () => {
    const unopened = new DataSource({ type: 'postgres', url: testDatabaseAdminUrl() });
    await expect(new PostgresReadinessCheck(unopened).check()).rejects.toThrow(
      'the database connection is not initialised',
    );
  });
});
