import { Injectable, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ReadinessCheck } from '../src';
import { startObservedApp } from './support/observed-app';

/** A dependency the spec can break and mend, provided by a module the way real ones are. */
@Injectable()
class Broker {
  failure: Error | null = null;
  hang = false;

  async ping(): Promise<void> {
    if (this.hang) return new Promise(() => undefined);
    if (this.failure) throw this.failure;
  }
}

@Module({ providers: [Broker], exports: [Broker] })
class BrokerModule {}

const passing: ReadinessCheck = { name: 'cache', check: async () => undefined };

describe('health probes', () => {
  let app: NestFastifyApplication;
  let broker: Broker;

  beforeAll(async () => {
    ({ app } = await startObservedApp({
      readiness: {
        imports: [BrokerModule],
        inject: [Broker],
        useFactory: (injected: Broker): ReadinessCheck[] => [
          passing,
          { name: 'broker', check: () => injected.ping() },
        ],
        timeoutMs: 200,
      },
    }));
    broker = app.get(Broker);
  });

  afterEach(() => {
    broker.failure = null;
    broker.hang = false;
  });

  afterAll(() => app.close());

  it('reports live while the event loop answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/live' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok' });
  });

  it('reports ready when every check passes', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      info: { cache: { status: 'up' }, broker: { status: 'up' } },
      error: {},
      details: { cache: { status: 'up' }, broker: { status: 'up' } },
    });
  });

  it('answers 503 naming the failed check and why', async () => {
    broker.failure = new Error('connect ECONNREFUSED 127.0.0.1:5672');

    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: 'error',
      info: { cache: { status: 'up' } },
      error: { broker: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:5672' } },
    });
  });

  it('fails a check that hangs after its timeout instead of hanging the probe', async () => {
    broker.hang = true;

    const started = Date.now();
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toEqual({ broker: { status: 'down', message: 'no answer within 200 ms' } });
  });

  it('stays live while not ready', async () => {
    broker.failure = new Error('down');
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });
});

describe('health probes without readiness checks', () => {
  it('reports ready as soon as the app runs', async () => {
    const { app } = await startObservedApp();
    try {
      const response = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'ok', details: {} });
    } finally {
      await app.close();
    }
  });
});
