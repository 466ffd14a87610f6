import { planJobs } from './job-planning';

const window = {
  plannedStart: new Date('2026-12-10T22:00:00Z'),
  plannedEnd: new Date('2026-12-11T02:00:00Z'),
};
const timings = { reminderLeadTimes: ['P7D', 'P1D', 'PT1H'], overrunGrace: 'PT30M', timezone: 'UTC' };

describe('planJobs', () => {
  it('plans a reminder per lead time, the start and the overrun, in due order', () => {
    const jobs = planJobs(window, timings, new Date('2026-12-01T00:00:00Z'));
    expect(jobs.map((job) => [job.kind, job.leadTime, job.dueAt.toISOString(), job.status])).toEqual([
      ['REMINDER', 'P7D', '2026-12-03T22:00:00.000Z', 'PENDING'],
      ['REMINDER', 'P1D', '2026-12-09T22:00:00.000Z', 'PENDING'],
      ['REMINDER', 'PT1H', '2026-12-10T21:00:00.000Z', 'PENDING'],
      ['START', undefined, '2026-12-10T22:00:00.000Z', 'PENDING'],
      ['OVERRUN', undefined, '2026-12-11T02:30:00.000Z', 'PENDING'],
    ]);
  });

  it('skips the reminders whose moment has already passed, and only those', () => {
    const jobs = planJobs(window, timings, new Date('2026-12-09T23:00:00Z'));
    expect(jobs.filter((job) => job.kind === 'REMINDER').map((job) => [job.leadTime, job.status])).toEqual([
      ['P7D', 'SKIPPED'],
      ['P1D', 'SKIPPED'],
      ['PT1H', 'PENDING'],
    ]);
    expect(jobs.filter((job) => job.kind !== 'REMINDER').every((job) => job.status === 'PENDING')).toBe(true);
  });

  it('skips a reminder due exactly now: it could only be sent late', () => {
    const [reminder] = planJobs(
      window,
      { ...timings, reminderLeadTimes: ['PT1H'] },
      new Date('2026-12-10T21:00:00Z'),
    );
    expect(reminder.status).toBe('SKIPPED');
  });

  it('counts calendar lead times in the environment timezone (a day across a DST change is 23 h)', () => {
    const spring = {
      plannedStart: new Date('2026-03-29T10:00:00Z'),
      plannedEnd: new Date('2026-03-29T12:00:00Z'),
    };
    const [dayBefore] = planJobs(
      spring,
      { reminderLeadTimes: ['P1D'], overrunGrace: 'PT0S', timezone: 'Europe/Berlin' },
      new Date('2026-03-01T00:00:00Z'),
    );
    expect(dayBefore.dueAt.toISOString()).toBe('2026-03-28T11:00:00.000Z');
  });

  it('plans no reminder for an environment without lead times', () => {
    const jobs = planJobs(window, { ...timings, reminderLeadTimes: [] }, new Date('2026-12-01T00:00:00Z'));
    expect(jobs.map((job) => job.kind)).toEqual(['START', 'OVERRUN']);
  });
});
