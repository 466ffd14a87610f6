import { brokerIdentity } from './broker-identity';
import { PUBLISHED_BY_HEADER, checkPublisher, publisherOf } from './publisher-check';

const users = { intents: 'u-intents', conflicts: 'u-conflicts', scheduling: 'u-scheduling' };
const ownerOf = (type: string) =>
  ({ intent: 'intents', conflict: 'conflicts', schedule: 'scheduling' })[type.split('.')[0]];
const asConflicts = brokerIdentity('amqp://u-conflicts:pw@mq/v', users, ownerOf);
const asGuest = brokerIdentity('amqp://guest:guest@127.0.0.1:5672', users, ownerOf);

describe('checkPublisher', () => {
  it('is strict for an expected service user and not for guest', () => {
    expect(asConflicts).toMatchObject({ user: 'u-conflicts', strict: true });
    expect(asGuest).toMatchObject({ user: 'guest', strict: false });
  });

  it('strict: believes an event only from its owner', () => {
    expect(checkPublisher(asConflicts, 'intent.amended', { userId: 'u-intents' })).toEqual({
      ok: true,
      publisher: 'u-intents',
    });
    for (const userId of ['u-scheduling', 'mallory', undefined, 'guest']) {
      expect(checkPublisher(asConflicts, 'intent.amended', { userId })).toMatchObject({ ok: false });
    }
    expect(checkPublisher(asConflicts, 'other.thing', { userId: 'u-intents' })).toMatchObject({ ok: false });
  });

  it('strict: trusts the recorded publisher only on a copy carrying its own user_id', () => {
    const recorded = { [PUBLISHED_BY_HEADER]: 'u-intents' };
    expect(
      checkPublisher(asConflicts, 'intent.amended', { userId: 'u-conflicts', headers: recorded }),
    ).toMatchObject({
      ok: true,
    });
    expect(
      checkPublisher(asConflicts, 'intent.amended', { userId: 'mallory', headers: recorded }),
    ).toMatchObject({
      ok: false,
      publisher: 'mallory',
    });
    expect(publisherOf(asConflicts, { headers: recorded })).toBe('');
  });

  it('strict: an own event without a recorded publisher is its own', () => {
    expect(checkPublisher(asConflicts, 'conflict.detected', { userId: 'u-conflicts' })).toMatchObject({
      ok: true,
    });
  });

  it('development: believes only events published as its own user', () => {
    expect(checkPublisher(asGuest, 'intent.amended', { userId: 'guest' })).toMatchObject({ ok: true });
    expect(checkPublisher(asGuest, 'intent.amended', { userId: 'u-intents' })).toMatchObject({ ok: false });
    expect(checkPublisher(asGuest, 'intent.amended', {})).toMatchObject({ ok: false });
  });
});
