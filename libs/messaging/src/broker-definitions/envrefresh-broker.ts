import { defaultAmqpUsers } from '@envrefresh/config';
import { BrokerGrantOptions, brokerGrants } from './broker-grants';
import { RabbitMqDefinitions, rabbitMqDefinitions } from './rabbitmq-definitions';
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

export function envrefreshDefinitions(): RabbitMqDefinitions {
  return rabbitMqDefinitions(ENVREFRESH_VHOST, brokerGrants(ENVREFRESH_GRANT_OPTIONS));
}

export function envrefreshTopologyObjects(): object[] {
  return topologyOperatorObjects(
    { vhost: ENVREFRESH_VHOST, namespace: 'envrefresh', cluster: 'rabbitmq' },
    brokerGrants(ENVREFRESH_GRANT_OPTIONS),
  );
}
