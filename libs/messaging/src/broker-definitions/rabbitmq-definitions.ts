import { EVERY_EVENT, eventStreamArguments } from '../topology/declare-topology';
import { EventStreamTopology } from '../topology/topology';
import { BrokerGrant } from './broker-grants';

/** What is made before any app runs: the events exchange, and the stream that keeps every event. */
export interface SharedTopology {
  exchange: string;
  stream: EventStreamTopology;
}

/** The subset of RabbitMQ's definitions format (`rabbitmqctl import_definitions`) written here. */
export interface RabbitMqDefinitions {
  users: { name: string; password_hash: string; hashing_algorithm: string; tags: string[] }[];
  vhosts: { name: string }[];
  permissions: { user: string; vhost: string; configure: string; write: string; read: string }[];
  topic_permissions: { user: string; vhost: string; exchange: string; write: string; read: string }[];
  exchanges: {
    name: string;
    vhost: string;
    type: string;
    durable: boolean;
    auto_delete: boolean;
    internal: boolean;
    arguments: Record<string, never>;
  }[];
  queues: {
    name: string;
    vhost: string;
    durable: boolean;
    auto_delete: boolean;
    arguments: Record<string, string>;
  }[];
  bindings: {
    source: string;
    vhost: string;
    destination: string;
    destination_type: 'queue';
    routing_key: string;
    arguments: Record<string, never>;
  }[];
}

/**
 * Users without passwords (an empty hash cannot log in: set one with `rabbitmqctl
 * change_password`), the vhost, each user's permissions there, the events exchange and the event
 * stream bound to it (so events are kept for late consumers from the first one on, before any app
 * declared anything). Nothing outside this vhost and these users is named, so importing it leaves
 * every other user (guest included) as it was.
 */
export function rabbitMqDefinitions(
  vhost: string,
  grants: readonly BrokerGrant[],
  topology: SharedTopology,
): RabbitMqDefinitions {
  return {
    users: grants.map(({ user }) => ({
      name: user,
      password_hash: '',
      hashing_algorithm: 'rabbit_password_hashing_sha256',
      tags: [],
    })),
    vhosts: [{ name: vhost }],
    permissions: grants.map(({ user, configure, write, read }) => ({ user, vhost, configure, write, read })),
    topic_permissions: grants.map(({ user, topic }) => ({ user, vhost, ...topic })),
    exchanges: [
      {
        name: topology.exchange,
        vhost,
        type: 'topic',
        durable: true,
        auto_delete: false,
        internal: false,
        arguments: {},
      },
    ],
    queues: [
      {
        name: topology.stream.name,
        vhost,
        durable: true,
        auto_delete: false,
        arguments: eventStreamArguments(topology.stream),
      },
    ],
    bindings: [
      {
        source: topology.exchange,
        vhost,
        destination: topology.stream.name,
        destination_type: 'queue',
        routing_key: EVERY_EVENT,
        arguments: {},
      },
    ],
  };
}

export function renderRabbitMqDefinitions(definitions: RabbitMqDefinitions): string {
  return `${JSON.stringify(definitions, null, 2)}\n`;
}
