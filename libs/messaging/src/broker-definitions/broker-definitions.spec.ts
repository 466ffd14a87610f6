import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { APP_NAMES, amqpUserOf, defaultAmqpUsers } from '@envrefresh/config';
import { EVENT_TYPES, eventOwnerOf } from '@envrefresh/contracts';
import { brokerGrants } from './broker-grants';
import {
  BROKER_DEFINITIONS_PATH,
  ENVREFRESH_GRANT_OPTIONS,
  TOPOLOGY_OPERATOR_PATH,
  envrefreshDefinitions,
  envrefreshTopologyObjects,
} from './envrefresh-broker';
import { renderRabbitMqDefinitions } from './rabbitmq-definitions';
import { credentialsSecretOf, renderTopologyOperatorObjects } from './topology-operator';

const ROOT = resolve(__dirname, '../../../..');
const stale = (path: string) =>
  `${path} is stale: the event catalog, the owners or the topology changed. Run \`npm run broker:definitions\` and commit it.`;

describe('broker definitions', () => {
  it.each([
    [BROKER_DEFINITIONS_PATH, () => renderRabbitMqDefinitions(envrefreshDefinitions())],
    [TOPOLOGY_OPERATOR_PATH, () => renderTopologyOperatorObjects(envrefreshTopologyObjects())],
  ])('%s is what the generator writes', (path, render) => {
    const onDisk = readFileSync(resolve(ROOT, path), 'utf8');
    if (onDisk !== render()) throw new Error(stale(path));
  });

  it('lets exactly the owner of each catalog type publish it on the events exchange', () => {
    const grants = brokerGrants(ENVREFRESH_GRANT_OPTIONS);
    for (const type of EVENT_TYPES) {
      const publishers = grants
        .filter((grant) => new RegExp(grant.topic.write).test(type))
        .map((grant) => grant.role);
      expect({ type, publishers }).toEqual({ type, publishers: [eventOwnerOf(type)] });
    }
  });

  it('gives no committed user a password, and the downstream account no write on envrefresh queues or exchanges', () => {
    const definitions = envrefreshDefinitions();
    expect(definitions.users.map((user) => user.password_hash)).toEqual(definitions.users.map(() => ''));
    const downstream = definitions.permissions.find((permission) => permission.user === 'downstream')!;
    for (const name of ['envrefresh.events', 'envrefresh.conflicts.events', 'amq.default']) {
      expect(new RegExp(downstream.write).test(name)).toBe(false);
      expect(new RegExp(downstream.configure).test(name)).toBe(false);
    }
    expect(new RegExp(downstream.read).test('envrefresh.events')).toBe(true);
    expect(new RegExp(downstream.read).test('envrefresh.conflicts.events')).toBe(false);
    // The event stream: the downstream account replays it; services declare and bind it, never read it.
    expect(new RegExp(downstream.read).test('envrefresh.events.stream')).toBe(true);
    for (const service of definitions.permissions.filter((permission) => permission.user !== 'downstream')) {
      expect(new RegExp(service.read).test('envrefresh.events.stream')).toBe(false);
    }
    expect(definitions.queues).toEqual([
      expect.objectContaining({
        name: 'envrefresh.events.stream',
        arguments: { 'x-queue-type': 'stream', 'x-max-age': '604800s' },
      }),
    ]);
    expect(definitions.bindings).toEqual([
      expect.objectContaining({
        source: 'envrefresh.events',
        destination: 'envrefresh.events.stream',
        routing_key: '#',
      }),
    ]);
  });

  it.each(APP_NAMES)(
    'k8s: %s mounts its own broker Secret only, whose example URL and credentials name its user',
    (app) => {
      const manifest = readFileSync(resolve(ROOT, `k8s/rendered/base/${app}.yaml`), 'utf8');
      const mounted = [...manifest.matchAll(/name: (envrefresh-[a-z]+-amqp)\b/g)].map((match) => match[1]);
      expect(mounted).toEqual([`envrefresh-${app}-amqp`]);
      const secrets = parseAllDocuments(readFileSync(resolve(ROOT, 'k8s/secret.example.yaml'), 'utf8')).map(
        (document) => document.toJS() as { metadata: { name: string }; stringData: Record<string, string> },
      );
      const user = defaultAmqpUsers()[app];
      const url = secrets.find((secret) => secret.metadata.name === `envrefresh-${app}-amqp`)!.stringData;
      expect(Object.keys(url)).toEqual([`${app.toUpperCase()}_AMQP_URL`]);
      expect(amqpUserOf(url[`${app.toUpperCase()}_AMQP_URL`])).toBe(user);
      const credentials = secrets.find((secret) => secret.metadata.name === credentialsSecretOf(user))!;
      expect(credentials.stringData.username).toBe(user);
    },
  );
});
