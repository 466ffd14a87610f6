import type { FreezeView, IntentView } from '@envrefresh/contracts';
import { FREEZE_VIEW_MAX_AGE_MS, ViewCache } from './view-cache';
import { viewerKey } from './viewer-key';

const ALICE = viewerKey({ sub: 'alice', roles: ['requester', 'viewer'], groups: ['qa', 'payments'] });
const BOB = viewerKey({ sub: 'bob', roles: ['viewer'], groups: [] });

function intent(id: string, version: number): IntentView {
  return { id, version, status: 'REQUESTED' } as IntentView;
}

const T0 = Date.parse('2030-01-01T10:00:00Z');

function freeze(environmentId: string, stableUntil: number): FreezeView {
  const at = new Date(T0).toISOString();
  return {
    environmentId,
    at,
    frozen: true,
    reasons: [
      { window: { start: at, end: new Date(T0 + 1).toISOString() } } as FreezeView['reasons'][number],
    ],
    stableUntil: new Date(stableUntil).toISOString(),
  };
}

describe('viewerKey', () => {
  it('is the same whatever order roles and groups come in, and differs between viewers', () => {
    expect(viewerKey({ sub: 'alice', roles: ['viewer', 'requester'], groups: ['payments', 'qa'] })).toBe(
      ALICE,
    );
    expect(ALICE).not.toBe(BOB);
    expect(viewerKey({ sub: 'alice', roles: ['viewer', 'requester'], groups: ['qa'] })).not.toBe(ALICE);
    expect(
      viewerKey({
        sub: 'alice',
        roles: ['requester', 'viewer'],
        groups: ['qa', 'payments'],
        apiTokenId: 't',
      }),
    ).not.toBe(ALICE);
  });
});

describe('ViewCache', () => {
  it('serves an intent only to the kind of viewer it was kept for', () => {
    const cache = new ViewCache(10);
    expect(cache.keepIntent(cache.beginRead(), ALICE, intent('i1', 1))).toBe(true);
    expect(cache.intent('i1', ALICE)).toEqual(intent('i1', 1));
    expect(cache.intent('i1', BOB)).toBeUndefined();
  });

  it('drops the least recently used entry beyond its bound', () => {
    const cache = new ViewCache(2);
    cache.keepIntent(cache.beginRead(), ALICE, intent('i1', 1));
    cache.keepIntent(cache.beginRead(), ALICE, intent('i2', 1));
    cache.intent('i1', ALICE);
    cache.keepIntent(cache.beginRead(), ALICE, intent('i3', 1));
    expect(cache.size).toBe(2);
    expect(cache.intent('i1', ALICE)).toBeDefined();
    expect(cache.intent('i2', ALICE)).toBeUndefined();
    expect(cache.intent('i3', ALICE)).toBeDefined();
  });

  it("drops every viewer's entry of an invalidated intent, and no other", () => {
    const cache = new ViewCache(10);
    cache.keepIntent(cache.beginRead(), ALICE, intent('i1', 1));
    cache.keepIntent(cache.beginRead(), BOB, intent('i1', 1));
    cache.keepIntent(cache.beginRead(), ALICE, intent('i2', 1));
    cache.invalidate({ intents: [{ id: 'i1', version: 2 }], freeze: [] });
    expect(cache.intent('i1', ALICE)).toBeUndefined();
    expect(cache.intent('i1', BOB)).toBeUndefined();
    expect(cache.intent('i2', ALICE)).toBeDefined();
  });

  it("keeps a view already at the version announced (the intent's own event after its write), drops those behind", () => {
    const cache = new ViewCache(10);
    cache.keepIntent(cache.beginRead(), ALICE, intent('i1', 2));
    cache.keepIntent(cache.beginRead(), BOB, intent('i1', 1));
    cache.invalidate({ intents: [{ id: 'i1', version: 2 }], freeze: [] });
    expect(cache.intent('i1', ALICE)?.version).toBe(2);
    expect(cache.intent('i1', BOB)).toBeUndefined();
    // Without a version (a conflict decision, a schedule), every view of it goes.
    cache.invalidate({ intents: [{ id: 'i1' }], freeze: [] });
    expect(cache.intent('i1', ALICE)).toBeUndefined();
  });

  it('does not keep an answer whose read began before an invalidation of it', () => {
    const cache = new ViewCache(10);
    const ticket = cache.beginRead();
    cache.invalidate({ intents: [{ id: 'i1' }], freeze: [] });
    expect(cache.keepIntent(ticket, ALICE, intent('i1', 1))).toBe(false);
    expect(cache.intent('i1', ALICE)).toBeUndefined();
    // A read of another intent in flight meanwhile is not affected.
    expect(cache.keepIntent(ticket, ALICE, intent('i2', 1))).toBe(true);
  });

  it('never keeps a version behind the highest one announced', () => {
    const cache = new ViewCache(10);
    cache.invalidate({ intents: [{ id: 'i1', version: 5 }], freeze: [] });
    expect(cache.keepIntent(cache.beginRead(), ALICE, intent('i1', 4))).toBe(false);
    expect(cache.keepIntent(cache.beginRead(), ALICE, intent('i1', 5))).toBe(true);
  });

  it('refuses reads in flight once the marks that guard them were forgotten', () => {
    const cache = new ViewCache(1);
    const ticket = cache.beginRead();
    cache.invalidate({ intents: [{ id: 'i1' }], freeze: [] });
    cache.invalidate({ intents: [{ id: 'i2' }], freeze: [] });
    expect(cache.keepIntent(ticket, ALICE, intent('i1', 1))).toBe(false);
    expect(cache.keepIntent(cache.beginRead(), ALICE, intent('i1', 1))).toBe(true);
  });

  it('refuses every read in flight and forgets everything when cleared', () => {
    const cache = new ViewCache(10);
    cache.keepIntent(cache.beginRead(), ALICE, intent('i1', 1));
    const ticket = cache.beginRead();
    cache.clear();
    expect(cache.intent('i1', ALICE)).toBeUndefined();
    expect(cache.keepIntent(ticket, ALICE, intent('i2', 1))).toBe(false);
  });

  it('drops all intents on a visibility change', () => {
    const cache = new ViewCache(10);
    const ticket = cache.beginRead();
    cache.keepIntent(cache.beginRead(), ALICE, intent('i1', 1));
    cache.invalidate({ intents: [], allIntents: true, freeze: [] });
    expect(cache.intent('i1', ALICE)).toBeUndefined();
    expect(cache.keepIntent(ticket, ALICE, intent('i2', 1))).toBe(false);
  });

  it('serves a freeze verdict as of now until its stableUntil, then asks again', () => {
    const cache = new ViewCache(10);
    const stableUntil = T0 + 10_000;
    expect(cache.keepFreeze(cache.beginRead(), ALICE, freeze('e1', stableUntil), T0)).toBe(true);
    const later = cache.freeze('e1', ALICE, T0 + 5_000);
    expect(later?.at).toBe(new Date(T0 + 5_000).toISOString());
    expect(later?.reasons[0]?.window).toEqual({
      start: new Date(T0 + 5_000).toISOString(),
      end: new Date(T0 + 5_001).toISOString(),
    });
    expect(cache.freeze('e1', BOB, T0 + 5_000)).toBeUndefined();
    expect(cache.freeze('e1', ALICE, stableUntil)).toBeUndefined();
  });

  it('keeps a freeze verdict no longer than its maximum age, and not at all when already unstable', () => {
    const cache = new ViewCache(10);
    cache.keepFreeze(cache.beginRead(), ALICE, freeze('e1', T0 + 3_600_000), T0);
    expect(cache.freeze('e1', ALICE, T0 + FREEZE_VIEW_MAX_AGE_MS - 1)).toBeDefined();
    expect(cache.freeze('e1', ALICE, T0 + FREEZE_VIEW_MAX_AGE_MS)).toBeUndefined();
    expect(cache.keepFreeze(cache.beginRead(), ALICE, freeze('e2', T0), T0)).toBe(false);
  });

  it('drops freeze verdicts of one environment or of all, and guards reads in flight', () => {
    const cache = new ViewCache(10);
    cache.keepFreeze(cache.beginRead(), ALICE, freeze('e1', T0 + 10_000), T0);
    cache.keepFreeze(cache.beginRead(), ALICE, freeze('e2', T0 + 10_000), T0);
    cache.invalidate({ intents: [], freeze: ['e1'] });
    expect(cache.freeze('e1', ALICE, T0)).toBeUndefined();
    expect(cache.freeze('e2', ALICE, T0)).toBeDefined();
    const ticket = cache.beginRead();
    cache.invalidate({ intents: [], freeze: 'all' });
    expect(cache.freeze('e2', ALICE, T0)).toBeUndefined();
    expect(cache.keepFreeze(ticket, ALICE, freeze('e3', T0 + 10_000), T0)).toBe(false);
  });
});
