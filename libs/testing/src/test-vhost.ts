import { createHash, randomBytes } from 'node:crypto';
import { rabbitmqctl } from './rabbitmqctl';
import { testAmqpUrl } from './test-services';

/** What one account may do in the vhost; topic permissions on one exchange, or none (all keys). */
export interface TestGrant {
  configure: string;
  write: string;
  read: string;
  topic?: { exchange: string; write: string; read: string };
}

/** Everything in the vhost, as an attacker holding a careless account would have. */
export const WIDE_GRANT: TestGrant = { configure: '.*', write: '.*', read: '.*' };

export interface TestBrokerAccount {
  user: string;
  password: string;
  /** An AMQP URL that logs in as this user on the vhost. */
  url: string;
}

/**
 * A vhost and broker users of one spec file. Users are global to the broker, so their names carry
 * a random run id; `delete()` removes the vhost (with every queue and permission in it) and them.
 * Everything is created by one `rabbitmqctl import_definitions`, which names only this vhost and
 * these users: the shared broker's guest is never touched.
 */
export class TestVhost<TKey extends string = string> {
  private constructor(
    readonly name: string,
    private readonly accounts: Record<TKey, TestBrokerAccount>,
  ) {}

  /** `grants` by a key the spec chooses; `users` may name some accounts (else `<run id>-<key>`). */
  static async create<TKey extends string>(
    grants: Record<TKey, TestGrant>,
    users: Partial<Record<TKey, string>> = {},
  ): Promise<TestVhost<TKey>> {
    const runId = `t${randomBytes(4).toString('hex')}`;
    const name = `envrefresh-test-${runId}`;
    const base = new URL(testAmqpUrl());
    const keys = Object.keys(grants) as TKey[];
    const accounts = Object.fromEntries(
      keys.map((key) => {
        const user = users[key] ?? `${runId}-${key}`;
        const password = randomBytes(12).toString('hex');
        const url = `amqp://${encodeURIComponent(user)}:${password}@${base.host}/${encodeURIComponent(name)}`;
        return [key, { user, password, url }];
      }),
    ) as Record<TKey, TestBrokerAccount>;
    const grantList = keys.map((key) => ({ account: accounts[key], grant: grants[key] }));
    const definitions = {
      users: grantList.map(({ account }) => ({
        name: account.user,
        password_hash: rabbitPasswordHash(account.password),
        hashing_algorithm: 'rabbit_password_hashing_sha256',
        tags: [],
      })),
      vhosts: [{ name }],
      permissions: grantList.map(({ account, grant }) => ({
        user: account.user,
        vhost: name,
        configure: grant.configure,
        write: grant.write,
        read: grant.read,
      })),
      topic_permissions: grantList
        .filter(({ grant }) => grant.topic)
        .map(({ account, grant }) => ({ user: account.user, vhost: name, ...grant.topic! })),
    };
    const vhost = new TestVhost(name, accounts);
    try {
      await importDefinitions(definitions);
    } catch (error) {
      await vhost.delete().catch(() => undefined);
      throw error;
    }
    return vhost;
  }

  account(key: TKey): TestBrokerAccount {
    return this.accounts[key];
  }

  async delete(): Promise<void> {
    const users = Object.values<TestBrokerAccount>(this.accounts).map((account) => account.user);
    const results = await Promise.allSettled([
      rabbitmqctl(['delete_vhost', this.name]),
      ...users.map((user) => rabbitmqctl(['delete_user', user])),
    ]);
    const failed = results.filter(
      (result): result is PromiseRejectedResult =>
        result.status === 'rejected' && !/no_such|not found|does not exist/i.test(String(result.reason)),
    );
    if (failed.length > 0) throw failed[0].reason;
  }
}

/** Imports a definitions document (JSON) into the test broker in one call. */
export async function importDefinitions(definitions: object): Promise<void> {
  await rabbitmqctl(['import_definitions', '--format', 'json'], JSON.stringify(definitions));
}

/** RabbitMQ's rabbit_password_hashing_sha256: base64 of a 4-byte salt and sha256(salt + password). */
export function rabbitPasswordHash(password: string): string {
  const salt = randomBytes(4);
  const digest = createHash('sha256')
    .update(Buffer.concat([salt, Buffer.from(password, 'utf8')]))
    .digest();
  return Buffer.concat([salt, digest]).toString('base64');
}
