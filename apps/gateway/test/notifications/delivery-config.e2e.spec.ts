import { testAmqpUrl, testServiceEnv } from '@envrefresh/testing';
import { runNodeToExit } from '../support/node-process';

const NOTIFICATIONS_MAIN = 'dist/apps/notifications/src/main.js';

describe('the notifications service refuses a delivery configuration it cannot follow', () => {
  it('names each wrong variable and exits before connecting to anything', async () => {
    const run = await runNodeToExit(NOTIFICATIONS_MAIN, {
      ...testServiceEnv({
        databaseUrl: 'postgres://postgres@127.0.0.1:1/never',
        amqpUrl: testAmqpUrl(),
        namespace: 'config-check',
      }),
      DELIVERY_RETRY_SCHEDULE: 'PT10S,P1M',
      DELIVERY_WORKERS: '0',
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      'DELIVERY_RETRY_SCHEDULE: entry 2 ("P1M") is not a positive ISO-8601 duration',
    );
    expect(run.stderr).toContain('DELIVERY_WORKERS must be a whole number between 1 and 64');
  });
});
