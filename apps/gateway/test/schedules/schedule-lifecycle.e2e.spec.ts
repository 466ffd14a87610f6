import { EnvironmentView } from '@envrefresh/contracts';
import { ProbeQueue, bindProbeQueue } from '@envrefresh/testing';
import { useApiSuite } from '../api/support/api-suite';
import { Lifecycle } from '../api/support/lifecycle';
import {
  approvedIntent,
  scheduleEventsOf,
  scheduleOf,
  waitForScheduleEvents,
  windowFromNow,
} from './support/schedule-probe';

/**
 * The whole schedule of a refresh through the gateway, every service real: lead times of a few
 * seconds, so each job falls due while the spec watches the events a downstream queue receives.
 */
describe('a schedule from approval to overrun', () => {
  const suite = useApiSuite();
  let lifecycle: Lifecycle;
  let probe: ProbeQueue;
  let environment: EnvironmentView;

  beforeAll(async () => {
    lifecycle = new Lifecycle(suite);
    probe = await bindProbeQueue(suite.amqpUrl, suite.exchange, ['schedule.*']);
    environment = await lifecycle.createEnvironment({
      reminderLeadTimes: ['PT8S', 'PT4S'],
      overrunGrace: 'PT2S',
    });
  });

  afterAll(async () => {
    await probe?.close();
  });

  it('shows the environment timings it was given', () => {
    expect(environment).toMatchObject({ reminderLeadTimes: ['PT8S', 'PT4S'], overrunGrace: 'PT2S' });
  });

  it('reminds for each lead time in order, signals the start, and raises the overrun of a refresh still running', async () => {
    const window = windowFromNow(15, 3);
    const approved = await approvedIntent(lifecycle, environment, window);
    const scheduled = await lifecycle.waitForStatus(approved, 'SCHEDULED');

    const schedule = await scheduleOf(suite, lifecycle, approved.id);
    expect(schedule).toMatchObject({ intentId: approved.id, status: 'ACTIVE', ...window });
    expect(schedule.jobs.map(({ kind, leadTime, status }) => ({ kind, leadTime, status }))).toEqual([
      { kind: 'REMINDER', leadTime: 'PT8S', status: 'PENDING' },
      { kind: 'REMINDER', leadTime: 'PT4S', status: 'PENDING' },
      { kind: 'START', leadTime: undefined, status: 'PENDING' },
      { kind: 'OVERRUN', leadTime: undefined, status: 'PENDING' },
    ]);
    const start = Date.parse(window.plannedStart);
    expect(schedule.jobs.map((job) => Date.parse(job.dueAt))).toEqual([
      start - 8000,
      start - 4000,
      start,
      Date.parse(window.plannedEnd) + 2000,
    ]);

    await waitForScheduleEvents(probe, approved.id, 'schedule.start_due', 1);
    const started = await lifecycle.advance(scheduled, 'start');
    const events = await waitForScheduleEvents(probe, approved.id, 'schedule.overrun', 1);

    expect(events.map((event) => [event.type, event.data.leadTime])).toEqual([
      ['schedule.created', undefined],
      ['schedule.reminder_due', 'PT8S'],
      ['schedule.reminder_due', 'PT4S'],
      ['schedule.start_due', undefined],
      ['schedule.overrun', undefined],
    ]);
    const fired = events.slice(1);
    for (const [index, event] of fired.entries()) {
      const job = schedule.jobs[index];
      expect(event.data).toMatchObject({
        jobId: job.id,
        kind: job.kind,
        dueAt: job.dueAt,
        lateBySeconds: expect.any(Number),
        job: { id: job.id, status: 'FIRED', firedAt: event.data.firedAt },
      });
      expect(Date.parse(event.data.firedAt!)).toBeGreaterThanOrEqual(Date.parse(job.dueAt));
    }
    expect(events[4].data.intent).toMatchObject({
      id: approved.id,
      status: 'IN_PROGRESS',
      version: started.version,
    });

    const after = await scheduleOf(suite, lifecycle, approved.id);
    expect(after.status).toBe('ACTIVE');
    expect(after.jobs.map((job) => job.status)).toEqual(['FIRED', 'FIRED', 'FIRED', 'FIRED']);
    expect(after.jobs.map((job) => job.firedAt)).toEqual(fired.map((event) => event.data.firedAt));
  });

  it('says the start was missed when an approved refresh never started', async () => {
    const other = await lifecycle.createEnvironment({ reminderLeadTimes: [], overrunGrace: 'PT1S' });
    const window = windowFromNow(4, 2);
    const approved = await approvedIntent(lifecycle, other, window);
    await lifecycle.waitForStatus(approved, 'SCHEDULED');

    const events = await waitForScheduleEvents(probe, approved.id, 'schedule.start_missed', 1);
    expect(events.map((event) => event.type)).toEqual([
      'schedule.created',
      'schedule.start_due',
      'schedule.start_missed',
    ]);
    expect(events[2].data.intent).toMatchObject({ status: 'SCHEDULED' });
    expect(scheduleEventsOf(probe, approved.id).some((event) => event.type === 'schedule.overrun')).toBe(
      false,
    );
  });

  it('ends the schedule when the refresh completes: pending jobs CANCELLED, schedule DONE', async () => {
    const window = windowFromNow(3, 60);
    const approved = await approvedIntent(lifecycle, environment, window);
    const scheduled = await lifecycle.waitForStatus(approved, 'SCHEDULED');
    await waitForScheduleEvents(probe, approved.id, 'schedule.start_due', 1);
    const started = await lifecycle.advance(scheduled, 'start');
    await lifecycle.advance(started, 'complete', { body: { notes: 'done' } });

    const done = await eventuallyDone(approved.id);
    expect(done.jobs.map((job) => [job.kind, job.status])).toEqual([
      ['REMINDER', 'SKIPPED'],
      ['REMINDER', 'SKIPPED'],
      ['START', 'FIRED'],
      ['OVERRUN', 'CANCELLED'],
    ]);
  });

  it("shows the job backlog and the firing lag on the scheduling service's /metrics", async () => {
    const scheduling = suite.apps.find((app) => app.name === 'scheduling')!;
    const metrics = await (await fetch(`${scheduling.baseUrl}/metrics`)).text();
    for (const gauge of ['scheduling_jobs_pending', 'scheduling_jobs_due', 'scheduling_jobs_late'])
      expect(metrics).toMatch(new RegExp(`^${gauge} \\d+$`, 'm'));
    // Every job this spec saw fire was observed, by kind.
    const fired = (kind: string) =>
      Number(
        new RegExp(`^scheduling_job_firing_lag_seconds_count\\{kind="${kind}"\\} (\\d+)$`, 'm').exec(
          metrics,
        )?.[1],
      );
    expect(fired('REMINDER')).toBe(2);
    expect(fired('START')).toBe(3);
    expect(fired('OVERRUN')).toBe(2);
  });

  async function eventuallyDone(intentId: string) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const schedule = await scheduleOf(suite, lifecycle, intentId);
      if (schedule.status === 'DONE' || Date.now() > deadline) return schedule;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});
