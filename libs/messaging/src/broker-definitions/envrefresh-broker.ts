import { defaultAmqpUsers } from '@envrefresh/config';
import { DEFAULT_EVENT_RETENTION } from '@envrefresh/contracts';
import { fixedDurationMs } from '@envrefresh/kernel';
import { eventStreamTopology } from '../topology/topology';
import { BrokerGrantOptions, brokerGrants } from './broker-grants';
import { RabbitMqDefinitions, SharedTopology, rabbitMqDefinitions } from './rabbitmq-definitions';
import { topologyOperatorObjects } from './topology-operator';

/** The vhost production runs in: its own, so importing the definitions touches nothing else. */
export const ENVREFRESH_VHOST = 'envrefresh';

/** The committed accounts: default users, the default namespace, the example downstream team. */
export const ENVREFRESH_GRANT_OPTIONS: BrokerGrantOptions = {
  namespace: 'envrefresh',
  users: defaultAmqpUsers(),
  downstream: { user: 'downstream', queuePrefix: 'downstream.' },
};

/** Repository paths of the generated files, from the repository root. */
export const BROKER_DEFINITIONS_PATH = 'deploy/rabbitmq/definitions.json';
export const TOPOLOGY_OPERATOR_PATH = 'k8s/rabbitmq/broker-accounts.yaml';

/** The exchange and the stream under the default namespace, the stream with the default EVENT_RETENTION. */
export const ENVREFRESH_SHARED_TOPOLOGY: SharedTopology = {
  exchange: `${ENVREFRESH_GRANT_OPTIONS.namespace}.events`,
  stream: eventStreamTopology(
    ENVREFRESH_GRANT_OPTIONS.namespace,
    fixedDurationMs(DEFAULT_EVENT_RETENTION) as number,
  ),
};

export function envrefreshDefinitions(): RabbitMqDefinitions {
  return rabbitMqDefinitions(
    ENVREFRESH_VHOST,
    brokerGrants(ENVREFRESH_GRANT_OPTIONS),
    ENVREFRESH_SHARED_TOPOLOGY,
  );
}

export function envrefreshTopologyObjects(): object[] {
  return topologyOperatorObjects(
    { vhost: ENVREFRESH_VHOST, namespace: 'envrefresh', cluster: 'rabbitmq' },
    brokerGrants(ENVREFRESH_GRANT_OPTIONS),
    ENVREFRESH_SHARED_TOPOLOGY,
  );
}
