import { Body, Controller, Get, Injectable, Param, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { CorrelationContext } from '../src';
import { startObservedApp } from './support/observed-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Stands in for an RPC client: code the controller calls, which never sees the request. */
@Injectable()
class DownstreamClient {
  async send(): Promise<{ correlationId: string | null; causationId: string | null }> {
    await sleep(5);
    const current = CorrelationContext.current();
    return { correlationId: current?.correlationId ?? null, causationId: current?.causationId ?? null };
  }
}

@Controller('widgets')
class WidgetsController {
  constructor(private readonly downstream: DownstreamClient) {}

  @Get(':id')
  read(@Param('id') id: string) {
    return this.downstream.send().then((seen) => ({ id, ...seen }));
  }

  @Post()
  create(@Body() body: { name: string }) {
    return this.downstream.send().then((seen) => ({ name: body.name, ...seen }));
  }
}

describe('request correlation', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    ({ app } = await startObservedApp({ controllers: [WidgetsController], providers: [DownstreamClient] }));
  });

  afterAll(() => app.close());

  it("echoes the caller's X-Request-Id", async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/widgets/1',
      headers: { 'x-request-id': 'req-abc.123' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-request-id']).toBe('req-abc.123');
  });

  it('makes up a UUID when the caller sends none', async () => {
    const first = await app.inject({ method: 'GET', url: '/widgets/1' });
    const second = await app.inject({ method: 'GET', url: '/widgets/1' });
    expect(first.headers['x-request-id']).toMatch(UUID);
    expect(second.headers['x-request-id']).toMatch(UUID);
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  });

  it('replaces an X-Request-Id that could forge log lines or headers', async () => {
    const forged = 'abc"}\n{"level":"error","msg":"forged';
    const tooLong = 'a'.repeat(129);
    for (const malicious of [forged, tooLong, '<script>alert(1)</script>', 'a b']) {
      const response = await app.inject({
        method: 'GET',
        url: '/widgets/1',
        headers: { 'x-request-id': malicious },
      });
      expect(response.headers['x-request-id']).toMatch(UUID);
      expect(response.json().correlationId).toBe(response.headers['x-request-id']);
    }
  });

  it('lets code called by a controller read the request id as the correlation id', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/widgets/7',
      headers: { 'x-request-id': 'trace-7' },
    });
    expect(response.json()).toEqual({ id: '7', correlationId: 'trace-7', causationId: null });
  });

  it('keeps the correlation through a request body being read', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/widgets',
      headers: { 'x-request-id': 'trace-post' },
      payload: { name: 'x'.repeat(200_000) },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().correlationId).toBe('trace-post');
  });

  it('keeps concurrent requests apart', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `concurrent-${i}`);
    const responses = await Promise.all(
      ids.map((id) => app.inject({ method: 'GET', url: `/widgets/${id}`, headers: { 'x-request-id': id } })),
    );
    expect(responses.map((response) => response.json().correlationId)).toEqual(ids);
  });
});
