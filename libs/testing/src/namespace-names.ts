import { RPC_SERVICES, eventStreamName } from '@envrefresh/contracts';
import { consumerTopology, declaredNames, rpcQueue } from '@envrefresh/messaging';
import type { AmqpNames } from './test-namespace';

/** The retry queues a consumer declares with the default delays (1 s, 10 s, 60 s). */
const DEFAULT_RETRY_COUNT = 3;

/**
 * Every queue and exchange the backend services declare under a namespace: what a spec that ran
 * the apps must delete afterwards.
 */
export function namespaceNames(namespace: string): AmqpNames {
  const perService = RPC_SERVICES.map((service) => {
    const names = declaredNames(
      consumerTopology(
        namespace,
        service,
        Array.from({ length: DEFAULT_RETRY_COUNT }, () => 1),
      ),
    );
    return { queues: [...names.queues, rpcQueue(namespace, service)], exchanges: names.exchanges };
  });
  return {
    // The stream holds every event the apps published: left behind, it would keep them on disk.
    queues: [...perService.flatMap((names) => names.queues), eventStreamName(namespace)],
    exchanges: [`${namespace}.events`, ...perService.flatMap((names) => names.exchanges)],
  };
}
