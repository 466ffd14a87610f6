import { consumerTopology, declaredNames, eventStreamTopology, rpcQueue } from './topology';

describe('consumerTopology', () => {
  it('derives every name from the namespace and consumer, one retry queue per delay step', () => {
    const topology = consumerTopology('envrefresh', 'conflicts', [1000, 5000]);
    expect(topology).toEqual({
      queue: 'envrefresh.conflicts.events',
      deadLetterExchange: 'envrefresh.conflicts.events.dlx',
      deadLetterQueue: 'envrefresh.conflicts.events.dlq',
      retryQueues: [
        { name: 'envrefresh.conflicts.events.retry.1', delayMs: 1000 },
        { name: 'envrefresh.conflicts.events.retry.2', delayMs: 5000 },
      ],
    });
    expect(declaredNames(topology).queues).toHaveLength(4);
    expect(rpcQueue('t1', 'intents')).toBe('t1.intents.rpc');
  });
});

describe('eventStreamTopology', () => {
  it('names the stream beside the exchange and gives RabbitMQ the retention in seconds', () => {
    expect(eventStreamTopology('envrefresh', 7 * 86_400_000)).toEqual({
      name: 'envrefresh.events.stream',
      maxAge: '604800s',
    });
    expect(eventStreamTopology('t1', 1_500).maxAge).toBe('2s');
  });
});
