import { Controller, Get } from '@nestjs/common';
import { startObservedApp, type ObservedApp } from './support/observed-app';

@Controller('hello')
class HelloController {
  @Get()
  hello() {
    return { hello: 'world' };
  }
}

describe('several apps in one process', () => {
  const started: ObservedApp[] = [];

  afterAll(() => Promise.all(started.map(({ app }) => app.close())));

  it('starts each app with its own logs, probes and metrics', async () => {
    started.push(await startObservedApp({ controllers: [HelloController] }));
    started.push(await startObservedApp({ controllers: [HelloController] }));
    const [first, second] = started;

    for (const [index, { app }] of started.entries()) {
      const hello = await app.inject({
        method: 'GET',
        url: '/hello',
        headers: { 'x-request-id': `app-${index}` },
      });
      expect(hello.statusCode).toBe(200);
      expect(hello.headers['x-request-id']).toBe(`app-${index}`);
      expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
      const metrics = await app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toContain('http_requests_total{method="GET",route="/hello",status_code="200"}');
      expect(metrics.body.match(/^# TYPE process_cpu_user_seconds_total /gm)).toHaveLength(1);
    }

    expect(first.logs.lines().some((line) => line.correlationId === 'app-0')).toBe(true);
    expect(first.logs.text()).not.toContain('app-1');
    expect(second.logs.lines().some((line) => line.correlationId === 'app-1')).toBe(true);
    expect(second.logs.text()).not.toContain('app-0');
  });

  it('starts another app after one has closed', async () => {
    await started.shift()?.app.close();
    const third = await startObservedApp({ controllers: [HelloController] });
    started.push(third);
    expect((await third.app.inject({ method: 'GET', url: '/hello' })).statusCode).toBe(200);
  });
});
