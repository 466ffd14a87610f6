import type { MessageProperties } from 'amqplib';
import { BrokerIdentity } from './broker-identity';

/**
 * Records who published an event a consumer republishes (a retry, a dead-letter copy): the copy
 * carries the consumer's own user_id, which the broker checks, and this header keeps the original.
 */
export const PUBLISHED_BY_HEADER = 'x-envrefresh-published-by';

/** The message properties the check reads. */
export type PublisherProperties = Partial<Pick<MessageProperties, 'userId' | 'headers'>>;

export type PublisherCheck =
  { ok: true; publisher: string } | { ok: false; publisher: string; reason: string };

/**
 * The publisher RabbitMQ vouches for: the validated `user_id`, or, on a copy this consumer
 * republished itself (its own user_id), the user recorded in PUBLISHED_BY_HEADER. The header of
 * any other message is ignored: anyone can write a header, nobody can fake a user_id.
 */
export function publisherOf(identity: BrokerIdentity, properties: PublisherProperties): string {
  const userId = typeof properties.userId === 'string' ? properties.userId : '';
  if (userId !== identity.user) return userId;
  const recorded = properties.headers?.[PUBLISHED_BY_HEADER];
  return typeof recorded === 'string' ? recorded : userId;
}

/** Whether an event of `type` is believed from what the broker says of its publisher. */
export function checkPublisher(
  identity: BrokerIdentity,
  type: string,
  properties: PublisherProperties,
): PublisherCheck {
  const publisher = publisherOf(identity, properties);
  if (!identity.strict) {
    return publisher === identity.user
      ? { ok: true, publisher }
      : { ok: false, publisher, reason: `not published as this service's own broker user` };
  }
  const owner = identity.ownerOf(type);
  const expected = owner === undefined ? undefined : identity.ownerUsers[owner];
  if (expected === undefined) return { ok: false, publisher, reason: 'no service owns this event type' };
  return publisher === expected
    ? { ok: true, publisher }
    : { ok: false, publisher, reason: `not published by the broker user of its owner, ${owner}` };
}
