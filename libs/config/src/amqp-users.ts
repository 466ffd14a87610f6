import { APP_NAMES, AppName } from './app-name';
import { EnvReader } from './env-reader';

/** The broker user each app connects as: `envrefresh-<app>` unless AMQP_USERS names another. */
export type AmqpUsers = Record<AppName, string>;

/** What RabbitMQ accepts as a user name and what a definitions file or a URL can carry unescaped. */
const USER_NAME = /^[A-Za-z0-9_.@-]{1,100}$/;

export function defaultAmqpUsers(): AmqpUsers {
  return Object.fromEntries(APP_NAMES.map((app) => [app, `envrefresh-${app}`])) as AmqpUsers;
}

/**
 * AMQP_USERS, e.g. `intents=svc-intents,conflicts=svc-conflicts`: the apps not named keep their
 * default. Two apps may not share a user, or one could pass for the other.
 */
export function readAmqpUsers(env: EnvReader): AmqpUsers {
  const users = defaultAmqpUsers();
  const raw = env.optionalString('AMQP_USERS');
  if (raw === undefined) return users;
  for (const entry of raw.split(',').map((part) => part.trim())) {
    const [app, user, ...rest] = entry.split('=').map((part) => part.trim());
    if (
      !(APP_NAMES as readonly string[]).includes(app) ||
      !user ||
      rest.length > 0 ||
      !USER_NAME.test(user)
    ) {
      env.fail(
        `AMQP_USERS must be comma-separated <app>=<user> with app one of ${APP_NAMES.join(', ')} and a user of letters, digits, ".", "_", "@" or "-", got "${entry}"`,
      );
      continue;
    }
    users[app as AppName] = user;
  }
  const names = Object.values(users);
  const shared = names.filter((name, index) => names.indexOf(name) !== index);
  if (shared.length > 0)
    env.fail(`AMQP_USERS gives two apps the same user (${[...new Set(shared)].join(', ')})`);
  return users;
}

/** The user a connection to this URL authenticates as (amqplib's default is guest). */
export function amqpUserOf(url: string): string {
  try {
    const { username } = new URL(url);
    return username ? decodeURIComponent(username) : 'guest';
  } catch {
    return 'guest';
  }
}
