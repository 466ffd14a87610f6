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
import { startSchedulingReplica, stopScheduling } from './support/scheduling-replicas';

const sleepUntil = (instant: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, instant - Date.now())));

/**
 * The scheduling service is down while jobs fall due. On recovery each due job fires once, in due
 * order; a reminder whose start came during the downtime too is SKIPPED, one whose start is still
 * ahead is sent late and says so.
 */
describe('jobs that fell due while the scheduling service was down', () => {
  const suite = useApiSuite();
  let lifecycle: Lifecycle;
  let probe: ProbeQueue;

  beforeAll(async () => {
    lifecycle = new Lifecycle(suite);
    probe = await bindProbeQueue(suite.amqpUrl, suite.exchange, ['schedule.*']);
  });

  afterAll(async () => {
    await probe?.close();
  });

  it('fires each once on recovery, skipping the reminders whose start passed as well', async () => {
    const started = await lifecycle.createEnvironment({
      reminderLeadTimes: ['PT14S', 'PT6S'],
      overrunGrace: 'PT1S',
    });
    const ahead = await lifecycle.createEnvironment({ reminderLeadTimes: ['PT30S'], overrunGrace: 'PT1S' });
    // passed: every job due during the downtime; later: only its reminder.
    const passed = await approvedIntent(lifecycle, started, windowFromNow(20, 2));
    const later = await approvedIntent(lifecycle, ahead, windowFromNow(42, 2));
    await lifecycle.waitForStatus(passed, 'SCHEDULED');
    await lifecycle.waitForStatus(later, 'SCHEDULED');
    const [passedJobs, laterJobs] = [
      (await scheduleOf(suite, lifecycle, passed.id)).jobs,
      (await scheduleOf(suite, lifecycle, later.id)).jobs,
    ];
    expect(passedJobs.every((job) => job.status === 'PENDING')).toBe(true);

    await stopScheduling(suite);
    // Everything of `passed` is due (its overrun at plannedEnd + 1 s), and the reminder of `later`.
    await sleepUntil(Date.parse(passed.plannedEnd) + 2_000);
    expect(scheduleEventsOf(probe, passed.id).map((event) => event.type)).toEqual(['schedule.created']);
    await startSchedulingReplica(suite);

    const events = await waitForScheduleEvents(probe, passed.id, 'schedule.start_missed', 1);
    expect(events.map((event) => event.type)).toEqual([
      'schedule.created',
      'schedule.start_due',
      'schedule.start_missed',
    ]);
    expect(events[1].data.lateBySeconds).toBeGreaterThanOrEqual(2);
    const recovered = await scheduleOf(suite, lifecycle, passed.id);
    expect(recovered.jobs.map((job) => [job.kind, job.leadTime, job.status])).toEqual([
      ['REMINDER', 'PT14S', 'SKIPPED'],
      ['REMINDER', 'PT6S', 'SKIPPED'],
      ['START', undefined, 'FIRED'],
      ['OVERRUN', undefined, 'FIRED'],
    ]);

    const [reminder] = (await waitForScheduleEvents(probe, later.id, 'schedule.reminder_due', 1)).slice(1);
    expect(reminder.data).toMatchObject({ jobId: laterJobs[0].id, leadTime: 'PT30S' });
    expect(reminder.data.lateBySeconds).toBeGreaterThanOrEqual(5);

    // The start of `later` comes after the recovery, on time; then nothing more, and nothing twice.
    await waitForScheduleEvents(probe, later.id, 'schedule.start_due', 1);
    await sleepUntil(Date.parse(later.plannedEnd) + 3_000);
    const fired = probe.messages
      .map((message) => message.json<{ type: string; data: { jobId?: string } }>())
      .filter((event) => event.data.jobId !== undefined)
      .map((event) => event.data.jobId as string);
    expect(fired.length).toBe(new Set(fired).size);
    expect(new Set(fired)).toEqual(
      new Set([passedJobs[2].id, passedJobs[3].id, laterJobs[0].id, laterJobs[1].id, laterJobs[2].id]),
    );
  });
});
