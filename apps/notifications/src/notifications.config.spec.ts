import { EnvReader } from '@envrefresh/config';
import { testServiceEnv } from '@envrefresh/testing';
import { readNotificationsConfig } from './notifications.config';

describe('notifications configuration: the event consumer', () => {
  const read = (extra: Record<string, string> = {}) => {
    const env = new EnvReader({
      ...testServiceEnv({
        databaseUrl: 'postgres://postgres@127.0.0.1:5432/envrefresh',
        amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
        namespace: 'config-spec',
      }),
      ...extra,
    });
    const config = readNotificationsConfig(env);
    env.done();
    return config;
  };

  it('takes one event per transaction, so each transaction locks destination heads in one sorted statement', () => {
    expect(read().messaging.consumer.batchSize).toBe(1);
  });

  it('lets MESSAGING_BATCH_SIZE still override it', () => {
    expect(read({ MESSAGING_BATCH_SIZE: '20' }).messaging.consumer.batchSize).toBe(20);
  });
});
