import { BrokerGrant } from './broker-grants';

/** The subset of RabbitMQ's definitions format (`rabbitmqctl import_definitions`) written here. */
export interface RabbitMqDefinitions {
  users: { name: string; password_hash: string; hashing_algorithm: string; tags: string[] }[];
  vhosts: { name: string }[];
  permissions: { user: string; vhost: string; configure: string; write: string; read: string }[];
  topic_permissions: { user: string; vhost: string; exchange: string; write: string; read: string }[];
}

/**
 * Users without passwords (an empty hash cannot log in: set one with `rabbitmqctl
 * change_password`), the vhost, and each user's permissions there. Nothing outside this vhost and
 * these users is named, so importing it leaves every other user (guest included) as it was.
 */
export function rabbitMqDefinitions(vhost: string, grants: readonly BrokerGrant[]): RabbitMqDefinitions {
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
  };
}

export function renderRabbitMqDefinitions(definitions: RabbitMqDefinitions): string {
  return `${JSON.stringify(definitions, null, 2)}\n`;
}
