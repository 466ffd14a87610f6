import { amqpUserOf } from '@envrefresh/config';
import { eventOwnerOf } from '@envrefresh/contracts';

/**
 * Who this service is on the broker, and who every event owner is. RabbitMQ checks a message's
 * `user_id` against the publishing connection's user, so a consumer that knows the owners'
 * users can tell a real event from one any broker client wrote.
 */
export interface BrokerIdentity {
  /** The user this service's connection authenticates as. */
  user: string;
  /** The broker user of each event owner (a service name), as AMQP_USERS says. */
  ownerUsers: Readonly<Record<string, string>>;
  /** The service owning an event type (or undefined). */
  ownerOf(type: string): string | undefined;
  /**
   * True when `user` is one of the expected service users: events are believed from their
   * owner's user only. False (everyone as `guest` in development): only events published as
   * this same user are believed, and nothing tells one service from another.
   */
  strict: boolean;
}

export function brokerIdentity(
  amqpUrl: string,
  users: Readonly<Record<string, string>>,
  ownerOf: (type: string) => string | undefined = eventOwnerOf,
): BrokerIdentity {
  const user = amqpUserOf(amqpUrl);
  return { user, ownerUsers: users, ownerOf, strict: Object.values(users).includes(user) };
}
