import { EnvironmentView, FreezeView, IntentView } from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { useApiSuite } from '../api/support/api-suite';
import { OWNER_GROUP, expectStatus } from '../api/support/lifecycle';
import { persona } from '../api/support/personas';
import { ConflictCalendar } from './support/calendar';
import { hours, instant, knownEnvironment } from './support/recompute-scenes';
import { stopScheduling } from '../schedules/support/scheduling-replicas';

/**
 * Pipelines ask with the lowest role there is, and carry the groups they serve (SPEC "Identity and
 * roles"): to one outside the owner group a refresh is only "another refresh" (hidden-intents spec).
 */
const pipeline = persona('deploy-bot', ['viewer'], ['ci', OWNER_GROUP]);

describe('GET /freeze: may this environment be changed at that instant?', () => {
  const suite = useApiSuite();
  let calendar: ConflictCalendar;

  beforeAll(async () => {
    // Intents must stay APPROVED here; the real scheduling service would move them on at once.
    await stopScheduling(suite);
    calendar = new ConflictCalendar(suite);
  });

  async function freeze(environment: EnvironmentView, at?: string): Promise<FreezeView> {
    const response = await suite.api.get<FreezeView>('/freeze', {
      as: pipeline,
      query: { environmentId: environment.id, at },
    });
    expectStatus(response, 200, `GET /freeze at ${at ?? 'now'}`);
    return response.body;
  }

  /** The verdicts at each instant, as `instant → frozen`. */
  async function verdicts(
    environment: EnvironmentView,
    instants: string[],
  ): Promise<Record<string, boolean>> {
    const answers: Record<string, boolean> = {};
    for (const at of instants) answers[at] = (await freeze(environment, at)).frozen;
    return answers;
  }

  describe('during a one-off blackout', () => {
    let environment: EnvironmentView;
    let windowId: string;

    beforeAll(async () => {
      environment = await knownEnvironment(calendar);
      windowId = (
        await calendar.window(
          'BLACKOUT',
          hours('2032-08-02', 10, 12),
          { environmentIds: [environment.id] },
          'Payroll run',
        )
      ).id;
    });

    it('is frozen inside [start, end) and not outside it', async () => {
      expect(
        await verdicts(environment, [
          '2032-08-02T09:59:59.999Z',
          '2032-08-02T10:00:00.000Z',
          '2032-08-02T11:59:59.999Z',
          '2032-08-02T12:00:00.000Z',
        ]),
      ).toEqual({
        '2032-08-02T09:59:59.999Z': false,
        '2032-08-02T10:00:00.000Z': true,
        '2032-08-02T11:59:59.999Z': true,
        '2032-08-02T12:00:00.000Z': false,
      });
    });

    it('says why: the blackout, by name, with what to do', async () => {
      const verdict = await freeze(environment, '2032-08-02T12:30:00+02:00');

      expect(verdict).toEqual({
        environmentId: environment.id,
        at: '2032-08-02T10:30:00.000Z',
        frozen: true,
        reasons: [
          {
            type: 'BLACKOUT',
            severity: 'BLOCKING',
            rule: 'BLACKOUT',
            explanation: expect.stringContaining('Payroll run'),
            relatedRef: { kind: 'WINDOW', id: windowId },
            window: expect.any(Object),
          },
        ],
        // The blackout ends at 12:00, beyond the hour a verdict looks ahead.
        stableUntil: '2032-08-02T11:30:00.000Z',
      });
      expect(verdict.reasons[0].explanation).toContain(environment.key);
      expect(verdict.reasons[0].explanation).toContain('2032-08-02 10:00 to 12:00 UTC');
    });

    it('has no reasons outside it', async () => {
      expect(await freeze(environment, '2032-08-02T13:00:00Z')).toEqual({
        environmentId: environment.id,
        at: '2032-08-02T13:00:00.000Z',
        frozen: false,
        reasons: [],
        stableUntil: '2032-08-02T14:00:00.000Z',
      });
    });

    it('says until when the verdict holds: the next start or end of the blackout, at most an hour ahead', async () => {
      const stableUntil = async (at: string) => (await freeze(environment, at)).stableUntil;
      expect({
        before: await stableUntil('2032-08-02T09:30:00.000Z'),
        inside: await stableUntil('2032-08-02T11:15:00.000Z'),
        atTheEnd: await stableUntil('2032-08-02T12:00:00.000Z'),
      }).toEqual({
        before: '2032-08-02T10:00:00.000Z',
        inside: '2032-08-02T12:00:00.000Z',
        atTheEnd: '2032-08-02T13:00:00.000Z',
      });
    });
  });

  describe('during a recurring blackout, at the right local time across daylight-saving changes', () => {
    it('keeps 22:00–24:00 Europe/Berlin in winter and in summer time', async () => {
      const environment = await knownEnvironment(calendar);
      await calendar.window(
        'BLACKOUT',
        {
          rrule: 'FREQ=DAILY',
          duration: 'PT2H',
          timezone: 'Europe/Berlin',
          startsAt: '2032-03-01T22:00:00+01:00',
        },
        { environmentIds: [environment.id] },
        'Nightly batch',
      );

      // Winter time (UTC+1): 22:00–24:00 local is 21:00Z–23:00Z. Summer time from 28 March (UTC+2):
      // 20:00Z–22:00Z. Expanded in UTC, the summer answers would be an hour off.
      expect(
        await verdicts(environment, [
          '2032-03-10T20:30:00Z',
          '2032-03-10T21:30:00Z',
          '2032-03-10T22:30:00Z',
          '2032-03-10T23:30:00Z',
          '2032-04-10T19:30:00Z',
          '2032-04-10T20:30:00Z',
          '2032-04-10T21:30:00Z',
          '2032-04-10T22:30:00Z',
        ]),
      ).toEqual({
        '2032-03-10T20:30:00Z': false,
        '2032-03-10T21:30:00Z': true,
        '2032-03-10T22:30:00Z': true,
        '2032-03-10T23:30:00Z': false,
        '2032-04-10T19:30:00Z': false,
        '2032-04-10T20:30:00Z': true,
        '2032-04-10T21:30:00Z': true,
        '2032-04-10T22:30:00Z': false,
      });
      const reason = (await freeze(environment, '2032-04-10T20:30:00Z')).reasons[0];
      expect(reason).toMatchObject({ type: 'BLACKOUT', severity: 'BLOCKING' });
      expect(reason.explanation).toContain('Nightly batch');
      expect(reason.explanation).toContain('2032-04-10 20:00 to 22:00 UTC');
    });

    it('keeps Saturday 22:00 – Sunday 06:00 America/New_York across midnight and the March change', async () => {
      const environment = await knownEnvironment(calendar);
      await calendar.window(
        'BLACKOUT',
        {
          rrule: 'FREQ=WEEKLY;BYDAY=SA',
          duration: 'PT8H',
          timezone: 'America/New_York',
          startsAt: '2032-01-03T22:00:00-05:00',
        },
        { environmentIds: [environment.id] },
        'Weekend cutover',
      );

      // Saturday 6 March is still EST (UTC-5): 22:00–06:00 local is 03:00Z–11:00Z on Sunday.
      // Saturday 20 March is EDT (UTC-4) since the 14th: 02:00Z–10:00Z on Sunday.
      expect(
        await verdicts(environment, [
          '2032-03-07T02:30:00Z',
          '2032-03-07T03:30:00Z',
          '2032-03-07T10:30:00Z',
          '2032-03-07T11:30:00Z',
          '2032-03-21T01:30:00Z',
          '2032-03-21T02:30:00Z',
          '2032-03-21T09:30:00Z',
          '2032-03-21T10:30:00Z',
          '2032-03-24T03:30:00Z',
        ]),
      ).toEqual({
        '2032-03-07T02:30:00Z': false,
        '2032-03-07T03:30:00Z': true,
        '2032-03-07T10:30:00Z': true,
        '2032-03-07T11:30:00Z': false,
        '2032-03-21T01:30:00Z': false,
        '2032-03-21T02:30:00Z': true,
        '2032-03-21T09:30:00Z': true,
        '2032-03-21T10:30:00Z': false,
        '2032-03-24T03:30:00Z': false,
      });
    });
  });

  describe('during refreshes', () => {
    let environment: EnvironmentView;

    beforeAll(async () => {
      environment = await knownEnvironment(calendar);
    });

    /** Waits until the conflicts service has heard the intent reach its status. */
    async function verdictDuring(intent: IntentView, at: string): Promise<FreezeView> {
      return eventually(
        async () => {
          const verdict = await freeze(environment, at);
          const reason = verdict.reasons.find((candidate) => candidate.relatedRef.id === intent.id);
          expect(reason?.explanation).toMatch(new RegExp(`\\ban? ${intent.status} `));
          return verdict;
        },
        { timeoutMs: 10_000, intervalMs: 50 },
      );
    }

    it('is frozen while a refresh is IN_PROGRESS', async () => {
      let intent = await calendar.requested(environment, hours('2032-08-05', 10, 14));
      intent = await calendar.lifecycle.advance(intent, 'approve');
      intent = await calendar.lifecycle.schedule(intent);
      intent = await calendar.lifecycle.advance(intent, 'start');

      const verdict = await verdictDuring(intent, instant('2032-08-05', 11));

      expect(verdict.frozen).toBe(true);
      expect(verdict.reasons).toEqual([
        expect.objectContaining({
          type: 'INTENT_OVERLAP',
          severity: 'BLOCKING',
          relatedRef: { kind: 'INTENT', id: intent.id },
          explanation: expect.stringContaining(calendar.cast.requester.sub),
        }),
      ]);
      expect((await freeze(environment, instant('2032-08-05', 14))).frozen).toBe(false);
    });

    it('is frozen while an APPROVED refresh is planned', async () => {
      let intent = await calendar.requested(environment, hours('2032-08-06', 10, 14));
      intent = await calendar.lifecycle.advance(intent, 'approve');

      const verdict = await verdictDuring(intent, instant('2032-08-06', 12));

      expect(verdict).toMatchObject({
        frozen: true,
        reasons: [{ type: 'INTENT_OVERLAP', severity: 'BLOCKING' }],
      });
    });

    it('is not frozen by a refresh still awaiting approval, but says so', async () => {
      const intent = await calendar.requested(environment, hours('2032-08-07', 10, 14));

      const verdict = await verdictDuring(intent, instant('2032-08-07', 12));

      expect(verdict).toMatchObject({
        frozen: false,
        reasons: [{ type: 'INTENT_OVERLAP', severity: 'WARNING' }],
      });
    });
  });

  describe('during bookings', () => {
    it('is frozen by a HIGH or CRITICAL booking, warned by a LOW or MEDIUM one', async () => {
      const environment = await knownEnvironment(calendar);
      const priorities = ['HIGH', 'CRITICAL', 'MEDIUM', 'LOW'] as const;
      for (const [index, priority] of priorities.entries()) {
        await calendar.book(environment, hours(`2032-08-1${index}`, 8, 12), {
          priority,
          group: 'payments-qa',
          purpose: `release 4.${index} testing`,
        });
      }

      for (const [index, priority] of priorities.entries()) {
        const verdict = await freeze(environment, instant(`2032-08-1${index}`, 9));
        const blocking = priority === 'HIGH' || priority === 'CRITICAL';
        expect(verdict).toMatchObject({
          frozen: blocking,
          reasons: [{ type: 'BOOKING_OVERLAP', severity: blocking ? 'BLOCKING' : 'WARNING' }],
        });
        expect(verdict.reasons[0].explanation).toContain('payments-qa');
        expect(verdict.reasons[0].explanation).toContain(`release 4.${index} testing (${priority})`);
        expect((await freeze(environment, instant(`2032-08-1${index}`, 12))).reasons).toEqual([]);
      }
    });

    it('holds its verdict until the booking starts or ends', async () => {
      const environment = await knownEnvironment(calendar);
      await calendar.book(environment, { start: '2032-08-18T08:00:00Z', end: '2032-08-18T08:40:00Z' });
      expect((await freeze(environment, '2032-08-18T07:30:00Z')).stableUntil).toBe(
        '2032-08-18T08:00:00.000Z',
      );
      expect((await freeze(environment, '2032-08-18T08:10:00Z')).stableUntil).toBe(
        '2032-08-18T08:40:00.000Z',
      );
    });
  });

  describe('for reasons that do not freeze', () => {
    it('is not frozen outside every maintenance window', async () => {
      const environment = await knownEnvironment(calendar);
      await calendar.window('MAINTENANCE', hours('2032-08-20', 0, 6), { environmentIds: [environment.id] });

      expect(await freeze(environment, instant('2032-08-20', 12))).toMatchObject({
        frozen: false,
        reasons: [],
      });
    });

    it('is only warned when something it depends on is blacked out', async () => {
      const database = await knownEnvironment(calendar);
      const service = await knownEnvironment(calendar, { dependsOn: [database.key] });
      await calendar.window(
        'BLACKOUT',
        hours('2032-08-21', 0, 6),
        { environmentIds: [database.id] },
        'DB upgrade',
      );

      const verdict = await eventually(async () => {
        const answer = await freeze(service, instant('2032-08-21', 3));
        expect(answer.reasons).toHaveLength(1);
        return answer;
      });

      expect(verdict.frozen).toBe(false);
      expect(verdict.reasons[0]).toMatchObject({ type: 'DEPENDENCY', severity: 'WARNING' });
      expect(verdict.reasons[0].explanation).toContain(database.key);
      expect(verdict.reasons[0].explanation).toContain('DB upgrade');
      expect((await freeze(database, instant('2032-08-21', 3))).frozen).toBe(true);
    });
  });

  describe('without `at`', () => {
    it('answers for now', async () => {
      const environment = await knownEnvironment(calendar);
      const before = Date.now();
      const quiet = await freeze(environment);
      expect(quiet.frozen).toBe(false);
      expect(Date.parse(quiet.at)).toBeGreaterThanOrEqual(before - 1_000);
      expect(Date.parse(quiet.at)).toBeLessThanOrEqual(Date.now() + 1_000);

      await calendar.book(
        environment,
        {
          start: new Date(Date.now() - 60_000).toISOString(),
          end: new Date(Date.now() + 3_600_000).toISOString(),
        },
        { priority: 'CRITICAL', purpose: 'production incident reproduction' },
      );
      const busy = await freeze(environment);
      expect(busy).toMatchObject({
        frozen: true,
        reasons: [{ type: 'BOOKING_OVERLAP', severity: 'BLOCKING' }],
      });
      expect(Date.parse(busy.at)).toBeLessThanOrEqual(Date.now() + 1_000);
    });
  });
});
