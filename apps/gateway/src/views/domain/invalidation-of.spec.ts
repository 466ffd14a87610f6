import { invalidationOfEvent, invalidationOfWrite } from './invalidation-of';

const INTENT = { id: 'i1', version: 4, status: 'APPROVED', environmentId: 'e1' };

describe('invalidationOfWrite', () => {
  it('names the intent an intent write answered with, at its version, and every freeze verdict', () => {
    expect(invalidationOfWrite({ path: '/intents/i1/approve', routeId: 'i1', body: INTENT })).toEqual({
      intents: [{ id: 'i1', version: 4 }],
      freeze: 'all',
    });
  });

  it("names the route's intent when the answer is not an intent, and every intent when nothing is named", () => {
    expect(invalidationOfWrite({ path: '/intents/i2', routeId: 'i2', body: undefined })?.intents).toEqual([
      { id: 'i2' },
    ]);
    expect(
      invalidationOfWrite({ path: '/conflicts/c1/override', routeId: 'c1', body: { intentId: 'i3' } })
        ?.intents,
    ).toEqual([{ id: 'i3' }]);
    expect(invalidationOfWrite({ path: '/conflicts/c1/override', routeId: 'c1', body: {} })?.allIntents).toBe(
      true,
    );
  });

  it('drops every intent on an environment write, freeze verdicts only on bookings and windows', () => {
    expect(invalidationOfWrite({ path: '/environments/app', body: {} })).toEqual({
      intents: [],
      allIntents: true,
      freeze: 'all',
    });
    expect(invalidationOfWrite({ path: '/bookings', body: { id: 'b1' } })).toEqual({
      intents: [],
      freeze: 'all',
    });
    expect(invalidationOfWrite({ path: '/windows/w1', routeId: 'w1', body: undefined })).toEqual({
      intents: [],
      freeze: 'all',
    });
  });

  it('passes writes that change no view: dry runs, subscriptions, own tokens', () => {
    expect(invalidationOfWrite({ path: '/conflicts/check', body: {} })).toBeUndefined();
    expect(invalidationOfWrite({ path: '/subscriptions', body: {} })).toBeUndefined();
    expect(invalidationOfWrite({ path: '/me/tokens', body: {} })).toBeUndefined();
  });
});

describe('invalidationOfEvent', () => {
  it('maps each view-changing family to what it makes stale', () => {
    expect(invalidationOfEvent('intent.approved', INTENT)).toEqual({
      intents: [{ id: 'i1', version: 4 }],
      freeze: 'all',
    });
    expect(invalidationOfEvent('schedule.start_due', { intentId: 'i1' })?.intents).toEqual([{ id: 'i1' }]);
    expect(invalidationOfEvent('environment.upserted', {})?.allIntents).toBe(true);
    expect(invalidationOfEvent('booking.created', {})).toEqual({ intents: [], freeze: 'all' });
    expect(invalidationOfEvent('notification.delivered', {})).toBeUndefined();
  });
});
