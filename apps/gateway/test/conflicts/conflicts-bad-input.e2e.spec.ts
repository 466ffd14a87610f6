import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { BookingView, Page, WindowView } from '@envrefresh/contracts';
import { ApiResponse } from '../api/support/api-client';
import { useApiSuite } from '../api/support/api-suite';
import { BodyShape, malformedBody } from '../api/support/malformed-requests';
import { Persona, persona } from '../api/support/personas';
import { ConflictCalendar } from './support/calendar';
import { durationText, rruleText, timezoneText } from './support/input-arbitraries';
import { BadRequest, DAY, INPUT_CASES, InputWorld, valid } from './support/input-cases';
import { hours, knownEnvironment, problemIn } from './support/recompute-scenes';

const PROPERTY_TIME_LIMIT_MS = 12_000;

describe('bad input on every conflicts, bookings and windows endpoint: a 4xx problem naming the field, never a 5xx', () => {
  const suite = useApiSuite();
  const world = {} as InputWorld;

  beforeAll(async () => {
    const calendar = new ConflictCalendar(suite);
    world.cast = calendar.cast;
    world.stranger = persona('ravi-requester', ['requester'], ['ops-team']);
    world.viewer = persona('vera-viewer', ['viewer'], ['qa-team']);
    world.environment = await knownEnvironment(calendar);
    world.booking = await calendar.book(
      world.environment,
      hours(DAY, 0, 4),
      { group: 'dev-team', priority: 'LOW' },
      world.cast.requester,
    );
    world.window = await calendar.window('BLACKOUT', hours('2032-09-02', 0, 4), {
      environmentIds: [world.environment.id],
    });
  });

  /** A problem document: the status again, a title, and a detail or field errors to act on. */
  function expectProblem(response: ApiResponse, status?: number): void {
    if (status !== undefined) expect(response.status).toBe(status);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: response.status, title: expect.any(String) });
  }

  const send = ({ method, path, ...options }: BadRequest) => suite.api.request(method, path, options);

  it.each(INPUT_CASES)('refuses %s (judged by the %s)', async (_name, _judge, request, refusal) => {
    const response = await send(request(world));

    expectProblem(response, refusal.status);
    if (refusal.field) {
      expect(response.body.errors).toEqual(
        expect.arrayContaining([{ field: refusal.field, message: expect.any(String) }]),
      );
    }
    if (refusal.code) expect(response.body.code).toBe(refusal.code);
  });

  it('kept nothing of what it refused', async () => {
    const bookings = await suite.api.get<Page<BookingView>>('/bookings', {
      as: world.viewer,
      query: { includeCancelled: 'true', limit: 100 },
    });
    expect(bookings.body.items).toEqual([world.booking]);
    const windows = await suite.api.get<Page<WindowView>>('/windows', {
      as: world.viewer,
      query: { limit: 100 },
    });
    expect(windows.body.items).toEqual([world.window]);
  });

  describe('malformed bodies and queries of every kind', () => {
    const bodies = (): { path: string; as: Persona; shape: BodyShape }[] => [
      {
        path: '/conflicts/check',
        as: world.cast.requester,
        shape: {
          valid: valid.check(world),
          fields: {
            environmentId: { type: 'uuid' },
            plannedStart: { type: 'instant' },
            plannedEnd: { type: 'instant' },
            excludeIntentId: { type: 'uuid' },
            source: { type: 'object' },
          },
          required: ['environmentId', 'plannedStart', 'plannedEnd'],
        },
      },
      {
        path: '/bookings',
        as: world.cast.requester,
        shape: {
          valid: valid.booking(world),
          fields: {
            environmentId: { type: 'uuid' },
            start: { type: 'instant' },
            end: { type: 'instant' },
            group: { type: 'pattern' },
            purpose: { type: 'string' },
            priority: { type: 'enum', values: ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] },
          },
          required: ['environmentId', 'start', 'end', 'group', 'purpose', 'priority'],
        },
      },
      {
        path: '/windows',
        as: world.cast.admin,
        shape: {
          valid: valid.oneOff(world),
          fields: {
            kind: { type: 'enum', values: ['BLACKOUT', 'MAINTENANCE'] },
            name: { type: 'string' },
            scope: { type: 'object' },
            start: { type: 'instant' },
            end: { type: 'instant' },
          },
          required: ['kind', 'name', 'start', 'end'],
        },
      },
      {
        path: '/windows',
        as: world.cast.admin,
        shape: {
          valid: valid.recurring(world),
          fields: {
            kind: { type: 'enum', values: ['BLACKOUT', 'MAINTENANCE'] },
            name: { type: 'string' },
            scope: { type: 'object' },
            rrule: { type: 'string' },
            duration: { type: 'pattern' },
            timezone: { type: 'pattern' },
            startsAt: { type: 'instant' },
            until: { type: 'instant' },
          },
          required: ['kind', 'name', 'rrule', 'duration', 'timezone', 'startsAt'],
        },
      },
      {
        path: `/conflicts/${world.booking.id}/override`,
        as: world.cast.approver,
        shape: {
          valid: { justification: 'The release team agreed to pause for the refresh' },
          fields: { justification: { type: 'string' } },
          required: ['justification'],
        },
      },
    ];

    it('answers every malformed body with a 4xx problem', async () => {
      const targets = bodies();
      await fc.assert(
        fc.asyncProperty(
          fc
            .nat({ max: targets.length - 1 })
            .chain((index) =>
              malformedBody(targets[index].shape).map((body) => ({ target: targets[index], body })),
            ),
          async ({ target, body }) => {
            const response = await suite.api.post(target.path, {
              as: target.as,
              rawBody: body.rawBody,
              headers: { 'content-type': body.contentType },
            });
            expectProblem(response);
          },
        ),
        { numRuns: 200, interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS },
      );
    });

    it('answers every query with a 200 or a 4xx problem', async () => {
      const value = fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom(
          '',
          '0',
          '-1',
          '101',
          'true',
          'null',
          world.environment.id,
          `${DAY}T00:00:00Z`,
          'PT4H',
          'OPEN',
        ),
      );
      const routes: [string, string[]][] = [
        ['/conflicts', ['status', 'environmentId', 'intentId', 'limit', 'cursor']],
        ['/bookings', ['environmentId', 'group', 'from', 'to', 'includeCancelled', 'limit', 'cursor']],
        ['/windows', ['kind', 'environmentId', 'limit', 'cursor']],
        ['/freeze', ['environmentId', 'at']],
        [
          `/environments/${world.environment.id}/free-slots`,
          ['duration', 'from', 'to', 'limit', 'sourceEnvironmentId', 'sourceSnapshot'],
        ],
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes).chain(([path, names]) =>
            fc
              .dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })), value, {
                maxKeys: 4,
              })
              .map((query) => ({ path, query })),
          ),
          async ({ path, query }) => {
            const response = await suite.api.get(path, { as: world.cast.approver, query });
            if (response.status !== 200) expectProblem(response);
          },
        ),
        { numRuns: 200, interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS },
      );
    });

    it('judges any RRULE, duration and timezone: created, or 400 naming it; what it accepts stays usable', async () => {
      const accepted: WindowView[] = [];
      await fc.assert(
        fc.asyncProperty(
          fc.record({ rrule: rruleText, duration: durationText, timezone: timezoneText }),
          async (timing) => {
            // Sent as a client does (README, "When the answer is 504, 503 or lost"): a busy or timed-out
            // create is sent again with the same Idempotency-Key, so the judgement is of the input,
            // not of how loaded the machine running the suite is (CI once saw a 504 here).
            const key = randomUUID();
            const send = () =>
              suite.api.post<WindowView>('/windows', {
                as: world.cast.admin,
                headers: { 'idempotency-key': key },
                body: { ...valid.recurring(world), kind: 'BLACKOUT', ...timing },
              });
            let response = await send();
            for (let retry = 0; retry < 3 && (response.status === 503 || response.status === 504); retry++) {
              await new Promise((resolve) => setTimeout(resolve, 1_000));
              response = await send();
            }
            if (response.status === 201) {
              accepted.push(response.body);
              return;
            }
            expectProblem(response, 400);
            const fields = (problemIn(response).errors ?? []).map((error) => error.field);
            expect(fields.length).toBeGreaterThan(0);
            for (const field of fields) expect(['rrule', 'duration', 'timezone']).toContain(field);
          },
        ),
        { numRuns: 150, interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS },
      );

      // Every accepted recurrence is expanded by the reads that follow; none may break them.
      const environmentId = world.environment.id;
      const check = await suite.api.post('/conflicts/check', {
        as: world.cast.requester,
        body: { environmentId, plannedStart: '2032-09-01T00:00:00Z', plannedEnd: '2032-12-01T00:00:00Z' },
      });
      expect(check.status).toBe(200);
      const freeze = await suite.api.get('/freeze', {
        as: world.viewer,
        query: { environmentId, at: '2032-10-01T12:00:00Z' },
      });
      expect(freeze.status).toBe(200);
      const slots = await suite.api.get(`/environments/${environmentId}/free-slots`, {
        as: world.viewer,
        query: { duration: 'PT1H', from: '2032-09-01T00:00:00Z', to: '2032-12-01T00:00:00Z' },
      });
      expect(slots.status).toBe(200);
      for (const window of accepted) {
        const deleted = await suite.api.request('DELETE', `/windows/${window.id}`, { as: world.cast.admin });
        expect(deleted.status).toBe(200);
      }
    });
  });
});
