import { defaultAmqpUsers, type ServiceConfig } from '@envrefresh/config';

export function testConfig(overrides: Partial<ServiceConfig> = {}): ServiceConfig {
  return {
    app: 'intents',
    nodeEnv: 'test',
    production: false,
    port: 0,
    logLevel: 'info',
    amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
    amqpUsers: defaultAmqpUsers(),
    eventsExchange: 'observability-test.events',
    amqpNamespace: 'observability-test',
    trustProxy: false,
    ...overrides,
  };
}
