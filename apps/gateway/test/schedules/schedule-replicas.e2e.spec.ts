import { randomUUID } from 'node:crypto';
import { ProbeQueue, bindProbeQueue, eventually } from '@envrefresh/testing';
import { useApiSuite } from '../api/support/api-suite';
import { Lifecycle } from '../api/support/lifecycle';
import { nextWindow } from '../api/support/windows';
import { approvedIntent } from './support/schedule-probe';
import { startSchedulingReplica } from './support/scheduling-replicas';

const SCHEDULES = 100;
const JOBS_PER_SCHEDULE = 3;

/** Three scheduling replicas on one database, hundreds of jobs due in the same second: each fires once. */
describe('three scheduling replicas', () => {
  const suite = useApiSuite();
  let probe: ProbeQueue;

  beforeAll(async () => {
    probe = await bindProbeQueue(suite.amqpUrl, suite.exchange, ['schedule.start_due']);
    await startSchedulingReplica(suite);
    await startSchedulingReplica(suite);
  }, 90_000);

  afterAll(async () => {
    await probe?.close();
  });

  it('fires every one of 300 jobs due in the same second exactly once', async () => {
    expect(suite.apps.filter((app) => app.name === 'scheduling')).toHaveLength(3);
    // A real intent, so each job's event carries it; its schedule is made by the service itself.
    const lifecycle = new Lifecycle(suite);
    const intent = await approvedIntent(lifecycle, await lifecycle.createEnvironment(), nextWindow());
    await lifecycle.waitForStatus(intent, 'SCHEDULED');

    // Hundreds of START jobs due at one instant a moment from now, written as the service writes them.
    const dueAt = new Date(Date.now() + 3_000);
    const jobIds: string[] = [];
    for (let index = 0; index < SCHEDULES; index += 1) {
      const scheduleId = randomUUID();
      await suite.db.query(
        `INSERT INTO scheduling.schedules (id, intent_id, environment_id, status, planned_start, planned_end, overrun_grace)
         VALUES ($1, $2, $3, 'DONE', $4, $5, 'PT30M')`,
        [scheduleId, intent.id, intent.environmentId, dueAt, new Date(dueAt.getTime() + 60_000)],
      );
      for (let job = 0; job < JOBS_PER_SCHEDULE; job += 1) {
        const id = randomUUID();
        jobIds.push(id);
        await suite.db.query(
          `INSERT INTO scheduling.jobs (id, schedule_id, intent_id, kind, due_at, status)
           VALUES ($1, $2, $3, 'START', $4, 'PENDING')`,
          [id, scheduleId, intent.id, dueAt],
        );
      }
    }

    const fired = await eventually(
      () => {
        const ids = probe.messages.map((message) => message.json<{ data: { jobId: string } }>().data.jobId);
        if (ids.length < jobIds.length) throw new Error(`${ids.length} of ${jobIds.length} fired so far`);
        return ids;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const all = probe.messages.map((message) => message.json<{ data: { jobId: string } }>().data.jobId);
    expect(all.length).toBe(fired.length);
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(all)).toEqual(new Set(jobIds));
    const { rows } = await suite.db.query(
      `SELECT count(*)::int AS n FROM scheduling.jobs WHERE id = ANY($1::uuid[]) AND status = 'FIRED' AND fired_at IS NOT NULL`,
      [jobIds],
    );
    expect(rows[0].n).toBe(jobIds.length);
  });
});
