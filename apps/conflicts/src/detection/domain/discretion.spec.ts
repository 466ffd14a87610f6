import { asSeenBy } from './discretion';

const window = { start: new Date('2030-03-01T20:00:00Z'), end: new Date('2030-03-01T23:00:00Z') };
const audience = { requestedBySub: 'reqb', notificationGroups: ['release'], environmentOwnerGroup: 'qa' };
const aboutIntent = {
  type: 'INTENT_OVERLAP',
  explanation: 'qa-1 already has a REQUESTED FULL_COPY refresh by reqb from …',
  relatedRef: { kind: 'INTENT' as const, id: 'intent-b', environmentId: 'env-2' },
};
const discretion = { audience, discreetExplanation: 'qa-1 already has another refresh from …' };
const viewer = (sub: string, groups: string[] = [], isAdmin = false) => ({ sub, groups, isAdmin });

describe('asSeenBy', () => {
  it('shows a finding about an intent as it is to whoever may see that intent', () => {
    for (const who of [viewer('reqb'), viewer('x', ['qa']), viewer('y', ['release']), viewer('a', [], true)])
      expect(asSeenBy(aboutIntent, who, discretion, window)).toBe(aboutIntent);
  });

  it('names it only as another refresh, without its id, to anyone else', () => {
    expect(asSeenBy(aboutIntent, viewer('reqa', ['dev']), discretion, window)).toEqual({
      type: 'INTENT_OVERLAP',
      explanation: 'qa-1 already has another refresh from …',
      relatedRef: { kind: 'INTENT', environmentId: 'env-2' },
    });
  });

  it('falls back to a wording of its own where none was stored, and hides an intent no longer known', () => {
    const seen = asSeenBy(aboutIntent, viewer('reqa'), { audience: null, discreetExplanation: null }, window);
    expect(seen.explanation).toMatch(/^Another refresh overlaps from 2030-03-01/);
    expect(seen.explanation).not.toContain('reqb');
    expect(seen.relatedRef).not.toHaveProperty('id');
    expect(asSeenBy(aboutIntent, viewer('a', [], true), undefined, window)).toBe(aboutIntent);
  });

  it('leaves findings about bookings, windows and environments alone', () => {
    const booking = { explanation: 'booked by qa', relatedRef: { kind: 'BOOKING' as const, id: 'b-1' } };
    expect(asSeenBy(booking, viewer('reqa'), undefined, window)).toBe(booking);
  });
});
