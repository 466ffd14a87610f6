import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  BROKER_DEFINITIONS_PATH,
  TOPOLOGY_OPERATOR_PATH,
  envrefreshDefinitions,
  envrefreshTopologyObjects,
} from '../broker-definitions/envrefresh-broker';
import { renderRabbitMqDefinitions } from '../broker-definitions/rabbitmq-definitions';
import { renderTopologyOperatorObjects } from '../broker-definitions/topology-operator';

// `npm run broker:definitions`, from the repository root; a unit test keeps the files equal to this.
const files: [string, string][] = [
  [BROKER_DEFINITIONS_PATH, renderRabbitMqDefinitions(envrefreshDefinitions())],
  [TOPOLOGY_OPERATOR_PATH, renderTopologyOperatorObjects(envrefreshTopologyObjects())],
];
for (const [path, content] of files) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  process.stdout.write(`wrote ${path}\n`);
}
