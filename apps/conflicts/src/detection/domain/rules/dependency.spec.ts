import { RelatedEnvironment } from '../situation';
import { dependency, dependencyRule } from './dependency';
import {
  API,
  booking,
  candidate,
  DB,
  intent,
  MOBILE,
  occurrence,
  PORTAL,
  situation,
  span,
} from './situation.fixture';

const mine = candidate(span('21:00', '23:00'));
const world = (parts: Parameters<typeof situation>[0]) =>
  situation({ related: [API, DB, PORTAL, MOBILE], ...parts });

describe('DEPENDENCY', () => {
  it('warns of an intent on an environment the target depends on, naming it and how it relates', () => {
    const found = dependency(
      mine,
      world({ intents: [intent(span('22:00', '24:00'), { environmentId: API.id })] }),
    );
    expect(found).toEqual([
      {
        type: 'DEPENDENCY',
        rule: 'DEPENDENCY',
        severity: 'WARNING',
        explanation:
          'uat-api, which uat-web depends on, has a REQUESTED FULL_COPY refresh by alice from 2026-03-01 22:00 to 2026-03-02 00:00 UTC; coordinate with alice or move this refresh.',
        relatedRef: { kind: 'INTENT', id: 'intent-other', environmentId: API.id },
        window: span('22:00', '23:00'),
        concerning: {
          audience: { requestedBySub: 'alice', notificationGroups: [], environmentOwnerGroup: 'qa' },
          discreetExplanation:
            'uat-api, which uat-web depends on, has another refresh from 2026-03-01 22:00 to 2026-03-02 00:00 UTC; coordinate with its owners or move this refresh.',
        },
      },
    ]);
  });

  it.each([
    [DB, 'uat-db, which uat-web depends on (uat-web → uat-api → uat-db), has'],
    [PORTAL, 'uat-portal, which depends on uat-web, has'],
    [MOBILE, 'uat-mobile, which depends on uat-web (uat-mobile → uat-portal → uat-web), has'],
  ] as Array<[RelatedEnvironment, string]>)('names the path to %s', (environment, start) => {
    const [finding] = dependency(
      mine,
      world({ intents: [intent(span('20:00', '22:00'), { environmentId: environment.id })] }),
    );
    expect(finding.explanation.startsWith(start)).toBe(true);
  });

  it('warns of a booking of any priority on a related environment', () => {
    const found = dependency(
      mine,
      world({
        bookings: [
          booking(span('20:00', '21:30'), { environmentId: DB.id, priority: 'LOW', group: 'data-team' }),
        ],
      }),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'WARNING',
      relatedRef: { kind: 'BOOKING', id: 'booking-1', environmentId: DB.id },
    });
    expect(found[0].explanation).toContain('is booked by data-team for release 4.2 testing (LOW) from');
  });

  it('warns of a blackout over a related environment but not the target, once, after the nearest one', () => {
    const found = dependency(
      mine,
      world({
        blackouts: [
          occurrence(span('20:00', '21:30'), { coveredEnvironmentIds: [DB.id, API.id] }),
          occurrence(span('22:30', '23:30'), { coveredEnvironmentIds: [DB.id, API.id] }),
          occurrence(span('20:00', '24:00'), {
            windowId: 'window-2',
            coveredEnvironmentIds: ['env-web', API.id],
          }),
        ],
      }),
    );
    expect(found).toHaveLength(1);
    expect(found[0].relatedRef).toEqual({ kind: 'WINDOW', id: 'window-1', environmentId: API.id });
    expect(found[0].window).toEqual(span('21:00', '23:00'));
    expect(found[0].explanation).toBe(
      'uat-api, which uat-web depends on, is under blackout "Quarter-end close" from 2026-03-01 20:00 to 23:30 UTC (2 occurrences); move this refresh outside it.',
    );
  });

  it('a diamond-shaped graph gives one finding per cause: the loader lists each environment once', () => {
    // uat-web depends on api-a and api-b, both of which depend on uat-db.
    const apiA: RelatedEnvironment = { ...API, id: 'env-a', key: 'api-a', path: ['uat-web', 'api-a'] };
    const apiB: RelatedEnvironment = { ...API, id: 'env-b', key: 'api-b', path: ['uat-web', 'api-b'] };
    const db: RelatedEnvironment = { ...DB, path: ['uat-web', 'api-a', 'uat-db'] };
    const found = dependency(
      mine,
      situation({
        related: [apiA, apiB, db],
        intents: [intent(span('20:00', '22:00'), { environmentId: db.id })],
      }),
    );
    expect(found.map((finding) => finding.relatedRef)).toEqual([
      { kind: 'INTENT', id: 'intent-other', environmentId: db.id },
    ]);
  });

  it('ignores what does not overlap, inactive intents, the candidate itself and unrelated environments', () => {
    const found = dependency(
      mine,
      world({
        intents: [
          intent(span('23:00', '24:00'), { environmentId: API.id }),
          intent(span('20:00', '22:00'), { id: 'i2', environmentId: API.id, status: 'CANCELLED' }),
          intent(span('20:00', '22:00'), { id: 'intent-self', environmentId: API.id }),
          intent(span('20:00', '22:00'), { id: 'i4', environmentId: 'env-elsewhere' }),
          intent(span('20:00', '22:00'), { id: 'i5' }),
        ],
        bookings: [booking(span('19:00', '21:00'), { environmentId: API.id })],
      }),
    );
    expect(found).toEqual([]);
  });

  it('occupies the windows of what it would report', () => {
    const occupied = dependencyRule.occupied(
      { environmentId: 'env-web' },
      world({
        intents: [intent(span('01:00', '02:00'), { environmentId: API.id }), intent(span('03:00', '04:00'))],
        bookings: [booking(span('05:00', '06:00'), { environmentId: MOBILE.id })],
        blackouts: [
          occurrence(span('07:00', '08:00'), { coveredEnvironmentIds: [DB.id] }),
          occurrence(span('09:00', '10:00'), { coveredEnvironmentIds: ['env-web', DB.id] }),
        ],
      }),
      span('00:00', '24:00'),
    );
    expect(occupied).toEqual([span('01:00', '02:00'), span('05:00', '06:00'), span('07:00', '08:00')]);
  });
});
