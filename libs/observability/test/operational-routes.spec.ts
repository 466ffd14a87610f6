import { Controller, Get } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OPERATIONAL_ROUTES } from '../src';
import { startObservedApp } from './support/observed-app';

@Controller('ping')
class PingController {
  @Get()
  ping() {
    return { pong: true };
  }
}

describe('operational routes under a global prefix', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    ({ app } = await startObservedApp({
      controllers: [PingController],
      globalPrefix: { prefix: 'api/v1', exclude: OPERATIONAL_ROUTES },
    }));
  });

  afterAll(() => app.close());

  it.each(['/health/live', '/health/ready', '/metrics'])('keeps %s at the root', async (url) => {
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/v1${url}` })).statusCode).toBe(404);
  });

  it('still prefixes the API', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/ping' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/ping' })).statusCode).toBe(404);
  });
});
