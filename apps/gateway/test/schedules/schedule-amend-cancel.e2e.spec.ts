import { EnvironmentView, IntentView } from '@envrefresh/contracts';
import { ProbeQueue, bindProbeQueue } from '@envrefresh/testing';
import { useApiSuite } from '../api/support/api-suite';
import { Lifecycle, expectStatus } from '../api/support/lifecycle';
import { nextWindow } from '../api/support/windows';
import { approvedIntent, scheduleOf, waitForScheduleEvents } from './support/schedule-probe';

const HOUR = 3_600_000;

/** A schedule follows its intent: amended back to REQUESTED or cancelled, its pending jobs are CANCELLED. */
describe('a schedule when its intent is amended or cancelled', () => {
  const suite = useApiSuite();
  let lifecycle: Lifecycle;
  let probe: ProbeQueue;
  let environment: EnvironmentView;

  beforeAll(async () => {
    lifecycle = new Lifecycle(suite);
    probe = await bindProbeQueue(suite.amqpUrl, suite.exchange, ['schedule.*']);
    environment = await lifecycle.createEnvironment({
      reminderLeadTimes: ['P1D', 'PT1H'],
      overrunGrace: 'PT45M',
    });
  });

  afterAll(async () => {
    await probe?.close();
  });

  it('cancels the old jobs when the window is amended, and makes new ones at the new times on re-approval', async () => {
    const approved = await approvedIntent(lifecycle, environment, nextWindow());
    const scheduled = await lifecycle.waitForStatus(approved, 'SCHEDULED');
    const first = await scheduleOf(suite, lifecycle, approved.id);
    expect(first.jobs.map((job) => job.status)).toEqual(['PENDING', 'PENDING', 'PENDING', 'PENDING']);

    const moved = nextWindow();
    const amended = await suite.api.patch<IntentView>(`/intents/${approved.id}`, {
      as: lifecycle.cast.requester,
      body: { version: scheduled.version, ...moved },
    });
    expectStatus(amended, 200, 'PATCH /intents/{id}');
    expect(amended.body.status).toBe('REQUESTED');

    const [, cancelled] = await waitForScheduleEvents(probe, approved.id, 'schedule.cancelled', 1);
    expect(cancelled.data).toMatchObject({ status: 'CANCELLED', plannedStart: first.plannedStart });
    const afterAmend = await scheduleOf(suite, lifecycle, approved.id);
    expect(afterAmend).toMatchObject({ status: 'CANCELLED', plannedStart: first.plannedStart });
    expect(afterAmend.jobs.map((job) => job.id)).toEqual(first.jobs.map((job) => job.id));
    expect(afterAmend.jobs.every((job) => job.status === 'CANCELLED')).toBe(true);

    const reapproved = await lifecycle.advance(amended.body, 'approve');
    await lifecycle.waitForStatus(reapproved, 'SCHEDULED');
    const second = await scheduleOf(suite, lifecycle, approved.id);
    expect(second).toMatchObject({ status: 'ACTIVE', ...moved });
    const start = Date.parse(moved.plannedStart);
    expect(second.jobs.map((job) => [job.kind, Date.parse(job.dueAt), job.status])).toEqual([
      ['REMINDER', start - 24 * HOUR, 'PENDING'],
      ['REMINDER', start - HOUR, 'PENDING'],
      ['START', start, 'PENDING'],
      ['OVERRUN', Date.parse(moved.plannedEnd) + 0.75 * HOUR, 'PENDING'],
    ]);
    expect(second.jobs.some((job) => first.jobs.some((old) => old.id === job.id))).toBe(false);
    await waitForScheduleEvents(probe, approved.id, 'schedule.created', 2);
  });

  it('cancels every pending job when the intent is cancelled', async () => {
    const approved = await approvedIntent(lifecycle, environment, nextWindow());
    const scheduled = await lifecycle.waitForStatus(approved, 'SCHEDULED');
    await lifecycle.advance(scheduled, 'cancel');

    await waitForScheduleEvents(probe, approved.id, 'schedule.cancelled', 1);
    const schedule = await scheduleOf(suite, lifecycle, approved.id);
    expect(schedule.status).toBe('CANCELLED');
    expect(schedule.jobs.map((job) => job.status)).toEqual([
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
    ]);
  });
});
