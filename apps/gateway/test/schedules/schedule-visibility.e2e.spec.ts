import { EnvironmentView } from '@envrefresh/contracts';
import { useApiSuite } from '../api/support/api-suite';
import { Lifecycle } from '../api/support/lifecycle';
import { persona } from '../api/support/personas';
import { nextWindow } from '../api/support/windows';
import { approvedIntent } from './support/schedule-probe';

/** GET /schedules/{intentId}: the intent's visibility, and read your writes right after an approval. */
describe('GET /schedules/{intentId}', () => {
  const suite = useApiSuite();
  let lifecycle: Lifecycle;
  let environment: EnvironmentView;

  beforeAll(async () => {
    lifecycle = new Lifecycle(suite);
    environment = await lifecycle.createEnvironment();
  });

  it('answers the schedule in the very request after an approval answered 2xx', async () => {
    for (let round = 0; round < 10; round += 1) {
      const approved = await approvedIntent(lifecycle, environment, nextWindow());
      const response = await suite.api.get(`/schedules/${approved.id}`, { as: lifecycle.cast.approver });
      expect([round, response.status, response.body.status]).toEqual([round, 200, 'ACTIVE']);
      expect(response.body).toMatchObject({ intentId: approved.id, plannedStart: approved.plannedStart });
    }
  });

  it('is 404 for a caller who may not see the intent, as GET /intents/{id} is', async () => {
    const approved = await approvedIntent(lifecycle, environment, nextWindow());
    const outsider = persona('olga-outsider', ['viewer'], ['marketing']);
    const [intent, schedule] = await Promise.all([
      suite.api.get(`/intents/${approved.id}`, { as: outsider }),
      suite.api.get(`/schedules/${approved.id}`, { as: outsider }),
    ]);
    expect([intent.status, schedule.status]).toEqual([404, 404]);
    expect(schedule.text).not.toContain(approved.plannedStart);
    const member = persona('nina-notified', ['viewer'], ['release-train']);
    const notified = await approvedIntent(lifecycle, environment, nextWindow(), {
      notificationGroups: ['release-train'],
    });
    expect((await suite.api.get(`/schedules/${notified.id}`, { as: member })).status).toBe(200);
  });

  it('is 404 SCHEDULE.NOT_FOUND, saying why, for an intent never approved', async () => {
    const requested = await lifecycle.fileIntent(environment, { submit: true });
    const response = await suite.api.get(`/schedules/${requested.id}`, { as: lifecycle.cast.requester });
    expect(response.status).toBe(404);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body.detail).toMatch(/REQUESTED.*approved/);
  });

  it('is 404 for an id that is not a UUID, as every intent route is', async () => {
    const response = await suite.api.get('/schedules/not-a-uuid', { as: lifecycle.cast.requester });
    expect(response.status).toBe(404);
    expect(response.contentType).toContain('application/problem+json');
  });
});
