import { amqpUserOf } from './amqp-users';

describe('amqpUserOf', () => {
  it.each([
    ['amqp://envrefresh-intents:secret@mq:5672/envrefresh', 'envrefresh-intents'],
    ['amqps://svc%40corp:pw@mq/', 'svc@corp'],
    ['amqp://127.0.0.1:5672', 'guest'],
  ])('%s connects as %s', (url, user) => {
    expect(amqpUserOf(url)).toBe(user);
  });
});
