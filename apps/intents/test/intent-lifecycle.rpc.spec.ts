import {
  Actor,
  EnvironmentView,
  IntentView,
  ScheduleView,
  environmentsGetRpc,
  environmentsRefreshHistoryRpc,
  intentsAmendRpc,
  intentsGetRpc,
  intentsHistoryRpc,
  intentsTransitionRpc,
  intentsVerifyHistoryRpc,
  scheduleCreatedEvent,
} from '@envrefresh/contracts';
import { CorrelationContext } from '@envrefresh/observability';
import { eventually } from '@envrefresh/testing';
import { IntentRecordView } from '../src/refresh-intents/application/intent-view.mapper';
import { IntentsTestBed, actors } from './support/intents-test-bed';

const HEX64 = /^[0-9a-f]{64}$/;

function scheduleOf(intent: IntentView): ScheduleView {
  return {
    intentId: intent.id,
    environmentId: intent.environmentId,
    plannedStart: intent.plannedStart,
    plannedEnd: intent.plannedEnd,
    status: 'ACTIVE',
    jobs: [],
  };
}

describe('intents service: the refresh intent lifecycle over RPC', () => {
  let bed: IntentsTestBed;
  let environment: EnvironmentView;

  beforeAll(async () => {
    bed = await IntentsTestBed.start();
    environment = await bed.createEnvironment({ key: 'uat-payments', ownerGroup: 'payments' });
  }, 60_000);

  afterAll(async () => bed?.close(), 30_000);

  const transition = (
    intent: Pick<IntentView, 'id' | 'version'>,
    action: string,
    actor: Actor = actors.approver,
    extra = {},
  ): Promise<IntentRecordView> =>
    bed.call(intentsTransitionRpc, {
      actor,
      payload: { intentId: intent.id, action, version: intent.version, ...extra },
    });

  it('runs create → submit → approve → schedule.created → start → complete, with an intact chained history', async () => {
    const draft = await CorrelationContext.run({ correlationId: 'req-create', causationId: null }, () =>
      bed.fileIntent(environment.id),
    );
    expect(draft).toMatchObject({
      status: 'DRAFT',
      version: 1,
      requestedBy: { sub: 'rita', name: 'Rita Requester' },
    });

    const requested = await transition(draft, 'submit', actors.requester);
    expect(requested).toMatchObject({ status: 'REQUESTED', version: 2 });
    const approved = await CorrelationContext.run({ correlationId: 'req-approve', causationId: null }, () =>
      transition(requested, 'approve', actors.approver, { notes: 'go', blockingConflictIds: [] }),
    );
    expect(approved).toMatchObject({ status: 'APPROVED', version: 3, approvedBy: { sub: 'april' } });

    await bed.publishEvent(scheduleCreatedEvent, scheduleOf(approved), 'sched-corr');
    await bed.waitForStatus(draft.id, 'SCHEDULED');
    const scheduled = await bed.call(intentsGetRpc, {
      actor: actors.requester,
      payload: { intentId: draft.id },
    });
    expect(scheduled.version).toBe(4);

    const started = await transition(scheduled, 'start', actors.operator, { blockingConflictIds: [] });
    expect(started).toMatchObject({ status: 'IN_PROGRESS', startedAt: expect.any(String) });
    const facts = {
      durationSeconds: 5400,
      rowsAffected: 1_250_000,
      dataVolumeGb: 42.5,
      logUrl: 'https://logs.example/run/1',
    };
    const completed = await transition(started, 'complete', actors.operator, { facts, notes: 'clean run' });
    expect(completed).toMatchObject({
      status: 'COMPLETED',
      version: 6,
      execution: facts,
      completedBy: { sub: 'otto' },
    });

    const history = await bed.call(intentsHistoryRpc, {
      actor: actors.requester,
      payload: { intentId: draft.id },
    });
    expect(history.map((entry) => [entry.sequence, entry.action, entry.fromStatus, entry.toStatus])).toEqual([
      [1, 'created', null, 'DRAFT'],
      [2, 'submit', 'DRAFT', 'REQUESTED'],
      [3, 'approve', 'REQUESTED', 'APPROVED'],
      [4, 'schedule', 'APPROVED', 'SCHEDULED'],
      [5, 'start', 'SCHEDULED', 'IN_PROGRESS'],
      [6, 'complete', 'IN_PROGRESS', 'COMPLETED'],
    ]);
    expect(history[0]).toMatchObject({
      correlationId: 'req-create',
      previousHash: null,
      hash: expect.stringMatching(HEX64),
    });
    expect(history[2]).toMatchObject({
      correlationId: 'req-approve',
      actor: { sub: 'april', name: 'April Approver' },
      notes: 'go',
    });
    expect(history[3]).toMatchObject({
      correlationId: 'sched-corr',
      actor: { sub: 'system', name: 'envrefresh' },
    });
    for (let index = 1; index < history.length; index += 1) {
      expect(history[index].previousHash).toBe(history[index - 1].hash);
    }

    const verification = await bed.call(intentsVerifyHistoryRpc, {
      actor: actors.approver,
      payload: { intentId: draft.id },
    });
    expect(verification).toEqual({
      intentId: draft.id,
      intact: true,
      entries: 6,
      firstBrokenSequence: null,
      reason: null,
    });

    const freshEnvironment = await bed.call(environmentsGetRpc, {
      actor: actors.viewer,
      payload: { environment: 'uat-payments' },
    });
    expect(freshEnvironment.lastRefreshedAt).toBe(completed.completedAt);
    const refreshes = await bed.call(environmentsRefreshHistoryRpc, {
      actor: actors.viewer,
      payload: { environment: environment.id },
    });
    expect(refreshes).toEqual({
      items: [
        {
          intentId: draft.id,
          environmentId: environment.id,
          refreshType: 'MASKED_COPY',
          completedAt: completed.completedAt,
          startedAt: started.startedAt,
          ...facts,
          completedBy: { sub: 'otto' },
        },
      ],
      nextCursor: null,
    });

    await eventually(() =>
      expect(
        bed.eventsAbout(draft.id).map((event) => [event.type, event.data.status, event.data.version]),
      ).toEqual([
        ['intent.drafted', 'DRAFT', 1],
        ['intent.requested', 'REQUESTED', 2],
        ['intent.approved', 'APPROVED', 3],
        ['intent.scheduled', 'SCHEDULED', 4],
        ['intent.started', 'IN_PROGRESS', 5],
        ['intent.completed', 'COMPLETED', 6],
      ]),
    );
    expect(bed.eventsAbout(draft.id)[5].data).toEqual(completed);
    await eventually(() =>
      expect(bed.eventsAbout(environment.id).map((event) => event.data.lastRefreshedAt)).toEqual([
        null,
        completed.completedAt,
      ]),
    );
  });

  it('ignores a schedule.created that is not current: a second delivery, or one for an intent no longer APPROVED', async () => {
    const intent = await bed.fileIntent(environment.id, { submit: true });
    const cancelled = await transition(intent, 'cancel', actors.requester);
    const marker = await bed.fileIntent(environment.id, { submit: true });
    const approved = await transition(marker, 'approve');
    const eventIds = [
      await bed.publishEvent(scheduleCreatedEvent, scheduleOf(intent)),
      await bed.publishEvent(scheduleCreatedEvent, scheduleOf(approved)),
      await bed.publishEvent(scheduleCreatedEvent, scheduleOf(approved)),
    ];
    await eventually(async () => {
      const { rows } = await bed.db.query(
        'SELECT count(*)::int AS n FROM intents.inbox WHERE message_id = ANY($1)',
        [eventIds],
      );
      expect(rows[0].n).toBe(3);
    });
    const current = await bed.call(intentsGetRpc, {
      actor: actors.requester,
      payload: { intentId: marker.id },
    });
    expect(current).toMatchObject({ status: 'SCHEDULED', version: 3 });
    const after = await bed.call(intentsGetRpc, {
      actor: actors.requester,
      payload: { intentId: intent.id },
    });
    expect(after).toEqual(cancelled);
    const history = await bed.call(intentsHistoryRpc, {
      actor: actors.requester,
      payload: { intentId: marker.id },
    });
    expect(history.filter((entry) => entry.action === 'schedule')).toHaveLength(1);
  });

  it('auto-approves on submit where the environment requires no approval, recorded as the system', async () => {
    const standard = await bed.createEnvironment({
      key: 'dev-standard',
      requiresApproval: false,
      ownerGroup: 'qa',
    });
    const filed = await bed.fileIntent(standard.id, { submit: true });
    expect(filed).toMatchObject({
      status: 'APPROVED',
      version: 2,
      autoApproved: true,
      approvedBy: { sub: 'system' },
    });
    const draft = await bed.fileIntent(standard.id);
    const submitted = await transition(draft, 'submit', actors.requester);
    expect(submitted).toMatchObject({ status: 'APPROVED', version: 3 });
    const history = await bed.call(intentsHistoryRpc, {
      actor: actors.requester,
      payload: { intentId: draft.id },
    });
    expect(history.map((entry) => [entry.action, entry.actor.sub, entry.toStatus])).toEqual([
      ['created', 'rita', 'DRAFT'],
      ['submit', 'rita', 'REQUESTED'],
      ['auto-approve', 'system', 'APPROVED'],
    ]);
    await eventually(() =>
      expect(bed.eventsAbout(draft.id).map((event) => [event.type, event.data.status])).toEqual([
        ['intent.drafted', 'DRAFT'],
        ['intent.requested', 'REQUESTED'],
        ['intent.approved', 'APPROVED'],
      ]),
    );
  });

  it('sends an APPROVED or SCHEDULED intent whose window is amended back to REQUESTED; reason-only amendments keep the status', async () => {
    const intent = await bed.fileIntent(environment.id, { submit: true });
    const approved = await transition(intent, 'approve');
    const reworded = await bed.call(intentsAmendRpc, {
      actor: actors.requester,
      payload: { intentId: intent.id, version: approved.version, reason: 'Reworded reason' },
    });
    expect(reworded).toMatchObject({
      status: 'APPROVED',
      reason: 'Reworded reason',
      version: approved.version + 1,
    });
    await bed.publishEvent(scheduleCreatedEvent, scheduleOf(reworded));
    await bed.waitForStatus(intent.id, 'SCHEDULED');
    const scheduled = await bed.call(intentsGetRpc, {
      actor: actors.requester,
      payload: { intentId: intent.id },
    });
    const moved = await bed.call(intentsAmendRpc, {
      actor: actors.requester,
      payload: {
        intentId: intent.id,
        version: scheduled.version,
        plannedStart: '2030-03-02T22:00:00Z',
        plannedEnd: '2030-03-03T02:00:00Z',
      },
    });
    expect(moved).toMatchObject({
      status: 'REQUESTED',
      plannedStart: '2030-03-02T22:00:00.000Z',
      version: scheduled.version + 1,
    });
    expect(moved).not.toHaveProperty('approvedBy');
    await eventually(() => {
      const amended = bed.eventsAbout(intent.id).filter((event) => event.type === 'intent.amended');
      expect(amended.map((event) => event.data.status)).toEqual(['APPROVED', 'REQUESTED']);
      expect(amended[1].data).toEqual(moved);
    });
    // A schedule for the old window, arriving late, must not schedule the re-approved intent.
    const reapproved = await transition(moved, 'approve');
    await bed.publishEvent(scheduleCreatedEvent, scheduleOf(scheduled));
    await bed.publishEvent(scheduleCreatedEvent, scheduleOf(reapproved));
    await bed.waitForStatus(intent.id, 'SCHEDULED');
    const history = await bed.call(intentsHistoryRpc, {
      actor: actors.requester,
      payload: { intentId: intent.id },
    });
    expect(history.filter((entry) => entry.action === 'schedule')).toHaveLength(2);
  });

  it('refuses to amend a final intent (409 with what it allows) and a window that ends before it starts (400)', async () => {
    const intent = await bed.fileIntent(environment.id);
    const inverted = await bed.problem(intentsAmendRpc, {
      actor: actors.requester,
      payload: { intentId: intent.id, version: 1, plannedEnd: '2030-03-01T20:00:00Z' },
    });
    expect(inverted).toMatchObject({
      status: 400,
      code: 'INTENT.INVALID',
      errors: [{ field: 'plannedEnd', message: expect.any(String) }],
    });
    const cancelled = await transition(intent, 'cancel', actors.requester);
    const final = await bed.problem(intentsAmendRpc, {
      actor: actors.requester,
      payload: { intentId: intent.id, version: cancelled.version, reason: 'too late' },
    });
    expect(final).toMatchObject({ status: 409, code: 'INTENT.NOT_AMENDABLE', allowedActions: [] });
  });
});
