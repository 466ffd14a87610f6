import { Controller, Get, Param } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OPERATIONAL_ROUTES } from '../src';
import { startObservedApp } from './support/observed-app';

@Controller('intents')
class IntentsController {
  @Get(':id')
  read(@Param('id') id: string) {
    return { id };
  }
}

/** The value of one series in Prometheus text, or undefined when the series is absent. */
function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    ({ app } = await startObservedApp({
      controllers: [IntentsController],
      globalPrefix: { prefix: 'api/v1', exclude: OPERATIONAL_ROUTES },
    }));
  });

  afterAll(() => app.close());

  const scrape = async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    return response.body;
  };

  it('serves process metrics in Prometheus text format', async () => {
    const metrics = await scrape();
    expect(metrics).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(metrics).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });

  it('counts requests by route template, never by raw URL', async () => {
    const series = 'http_requests_total{method="GET",route="/api/v1/intents/:id",status_code="200"}';
    const before = sample(await scrape(), series) ?? 0;
    for (const id of ['a1', 'b2', 'c3']) {
      expect((await app.inject({ method: 'GET', url: `/api/v1/intents/${id}` })).statusCode).toBe(200);
    }

    const metrics = await scrape();
    expect(sample(metrics, series)).toBe(before + 3);
    expect(metrics).not.toMatch(/route="\/api\/v1\/intents\/(a1|b2|c3)"/);
    expect(
      sample(
        metrics,
        'http_request_duration_seconds_count{method="GET",route="/api/v1/intents/:id",status_code="200"}',
      ),
    ).toBe(before + 3);
  });

  it('puts every request that matched no route under one label', async () => {
    await app.inject({ method: 'GET', url: '/wp-admin/setup.php' });
    await app.inject({ method: 'GET', url: '/.env' });

    const metrics = await scrape();
    expect(
      sample(metrics, 'http_requests_total{method="GET",route="unmatched",status_code="404"}'),
    ).toBeGreaterThanOrEqual(2);
    expect(metrics).not.toContain('wp-admin');
  });
});
