import { Controller, Get, Logger, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CorrelationContext } from '../src';
import type { LogCapture } from './support/log-capture';
import { startObservedApp } from './support/observed-app';

@Controller('orders')
class OrdersController {
  private readonly logger = new Logger(OrdersController.name);

  @Get()
  list() {
    this.logger.log({
      msg: 'listing orders',
      account: { name: 'ada', password: 'hunter2', apiKey: 'k-123' },
    });
    return [];
  }

  @Get('broken')
  broken(): never {
    throw new Error('the store is unreachable');
  }

  @Post('session')
  openSession(@Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('set-cookie', 'session=s3cr3t-session; HttpOnly');
    return { opened: true };
  }
}

describe('logging', () => {
  let app: NestFastifyApplication;
  let logs: LogCapture;

  beforeAll(async () => {
    ({ app, logs } = await startObservedApp({ controllers: [OrdersController] }));
  });

  afterAll(() => app.close());

  const linesOf = (requestId: string) => logs.lines().filter((line) => line.correlationId === requestId);

  it('writes JSON lines naming the app, with the correlation id on the handler line and the access line', async () => {
    await app.inject({ method: 'GET', url: '/orders', headers: { 'x-request-id': 'log-1' } });

    const lines = linesOf('log-1');
    const handlerLine = lines.find((line) => line.msg === 'listing orders');
    const accessLine = lines.find((line) => line.msg === 'request completed');
    expect(handlerLine).toMatchObject({ app: 'intents', level: 'info', context: 'OrdersController' });
    expect(accessLine).toMatchObject({ app: 'intents', level: 'info', res: { statusCode: 200 } });
    expect(typeof handlerLine?.time).toBe('string');
    expect(typeof accessLine?.responseTime).toBe('number');
  });

  it('writes a 5xx answer as "request errored" at error level', async () => {
    await app.inject({ method: 'GET', url: '/orders/broken', headers: { 'x-request-id': 'log-6' } });
    const accessLine = linesOf('log-6').find((line) => line.msg === 'request errored');
    expect(accessLine).toMatchObject({
      level: 'error',
      res: { statusCode: 500 },
      req: { method: 'GET', url: '/orders/broken', route: '/orders/broken' },
      err: { message: 'failed with status code 500' },
    });
  });

  it('never writes the Authorization header, cookies or secret fields', async () => {
    await app.inject({
      method: 'GET',
      url: '/orders',
      headers: {
        'x-request-id': 'log-2',
        authorization: 'Bearer eyJ.secret.token',
        cookie: 'session=abc123',
      },
    });

    const lines = linesOf('log-2');
    expect(lines.length).toBeGreaterThan(0);
    const access = lines.find((line) => line.msg === 'request completed');
    // The access line names its fields; no header is dumped into it, credentials least of all.
    expect(access?.req).toEqual({
      id: 'log-2',
      method: 'GET',
      url: '/orders',
      route: '/orders',
      remoteAddress: expect.any(String),
      userAgent: expect.any(String),
    });
    const handlerLine = lines.find((line) => line.msg === 'listing orders');
    expect(handlerLine?.account).toEqual({ name: 'ada', password: '[redacted]', apiKey: '[redacted]' });
    expect(logs.text()).not.toContain('eyJ.secret.token');
    expect(logs.text()).not.toContain('abc123');
    expect(logs.text()).not.toContain('hunter2');
  });

  it('never writes cookies the app sets', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/orders/session',
      headers: { 'x-request-id': 'log-5' },
    });
    expect(response.headers['set-cookie']).toContain('session=s3cr3t-session');

    const access = linesOf('log-5').find((line) => line.msg === 'request completed');
    expect(access?.res).toEqual({ statusCode: 201, contentLength: expect.any(Number) });
    expect(logs.text()).not.toContain('s3cr3t-session');
  });

  it('logs failed requests as warnings', async () => {
    await app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'log-3' } });
    const accessLine = logs.lines().find((line) => (line.req as { id?: string } | undefined)?.id === 'log-3');
    expect(accessLine).toMatchObject({ level: 'warn', res: { statusCode: 404 } });
  });

  it('puts the correlation id on the access line of a request rejected before routing', async () => {
    await app.inject({
      method: 'POST',
      url: '/orders',
      headers: { 'x-request-id': 'log-4', 'content-type': 'application/json' },
      payload: '{"truncated":',
    });
    expect(linesOf('log-4')).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        level: 'warn',
        res: expect.objectContaining({ statusCode: 400 }),
      }),
    ]);
  });

  it('does not log probes and scrapes', async () => {
    for (const url of ['/health/live', '/health/ready', '/metrics']) {
      await app.inject({ method: 'GET', url, headers: { 'x-request-id': `probe-${url}` } });
    }
    expect(logs.text()).not.toContain('probe-');
  });

  it('adds the correlation and causation of work outside any request, such as a message handler', () => {
    const logger = new Logger('EventHandler');
    CorrelationContext.run({ correlationId: 'corr-9', causationId: 'event-9' }, () =>
      logger.log('handled event'),
    );
    logger.log('no correlation here');

    const handled = logs.lines().find((line) => line.msg === 'handled event');
    const uncorrelated = logs.lines().find((line) => line.msg === 'no correlation here');
    expect(handled).toMatchObject({
      correlationId: 'corr-9',
      causationId: 'event-9',
      context: 'EventHandler',
    });
    expect(uncorrelated).not.toHaveProperty('correlationId');
  });
});
