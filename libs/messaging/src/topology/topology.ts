import { eventStreamName } from '@envrefresh/contracts';

/** Names of everything one consuming service owns on the broker; pure, so tests can predict them. */
export interface ConsumerTopology {
  queue: string;
  deadLetterExchange: string;
  deadLetterQueue: string;
  retryQueues: { name: string; delayMs: number }[];
}

export function consumerTopology(
  namespace: string,
  consumer: string,
  retryDelaysMs: readonly number[],
): ConsumerTopology {
  const queue = `${namespace}.${consumer}.events`;
  return {
    queue,
    deadLetterExchange: `${queue}.dlx`,
    deadLetterQueue: `${queue}.dlq`,
    retryQueues: retryDelaysMs.map((delayMs, index) => ({ name: `${queue}.retry.${index + 1}`, delayMs })),
  };
}

export function rpcQueue(namespace: string, service: string): string {
  return `${namespace}.${service}.rpc`;
}

/** Every queue and exchange a consumer topology declares (for tooling and test clean-up). */
export function declaredNames(topology: ConsumerTopology): { queues: string[]; exchanges: string[] } {
  return {
    queues: [topology.queue, topology.deadLetterQueue, ...topology.retryQueues.map((retry) => retry.name)],
    exchanges: [topology.deadLetterExchange],
  };
}

/** The stream that keeps every event for late consumers, and how long it keeps them. */
export interface EventStreamTopology {
  name: string;
  /** RabbitMQ's `x-max-age`, in seconds: `604800s` for seven days. */
  maxAge: string;
}

export function eventStreamTopology(namespace: string, retentionMs: number): EventStreamTopology {
  return { name: eventStreamName(namespace), maxAge: `${Math.max(1, Math.round(retentionMs / 1000))}s` };
}
