import { randomUUID } from 'node:crypto';
import {
  EnvironmentView,
  IntentView,
  conflictsCheckRpc,
  intentsTransitionRpc,
  scheduleCreatedEvent,
  windowsCreateRpc,
} from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { IntentsTestBed, actors } from './support/intents-test-bed';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * ADR 0009 behind the intents service: approve and start ask the real conflicts service
 * themselves; whatever the caller sends about conflicts is not read; start waits for its
 * moment (START_EARLY_TOLERANCE) and is judged from that moment to plannedEnd.
 */
describe('intents service: the approval gate asks the conflicts service, and start comes in time', () => {
  let bed: IntentsTestBed;
  let environment: EnvironmentView;

  const transition = (intent: IntentView, action: 'approve' | 'start', extra: Record<string, unknown> = {}) =>
    bed.call(intentsTransitionRpc, {
      actor: action === 'approve' ? actors.approver : actors.operator,
      payload: { intentId: intent.id, action, version: intent.version, ...extra },
    });
  const refused = (intent: IntentView, action: 'approve' | 'start', extra: Record<string, unknown> = {}) =>
    bed.problem(intentsTransitionRpc, {
      actor: action === 'approve' ? actors.approver : actors.operator,
      payload: { intentId: intent.id, action, version: intent.version, ...extra },
    });
  const blackout = (start: number, end: number) =>
    bed.call(windowsCreateRpc, {
      actor: actors.admin,
      payload: {
        kind: 'BLACKOUT',
        name: `Freeze ${randomUUID().slice(0, 6)}`,
        scope: { environmentIds: [environment.id] },
        start: iso(start),
        end: iso(end),
      },
    });
  const statusOf = async (id: string) =>
    (await bed.db.query('SELECT status, version FROM intents.refresh_intents WHERE id = $1', [id])).rows[0];
  const scheduled = async (intent: IntentView): Promise<IntentView> => {
    const approved = await transition(intent, 'approve');
    await bed.publishEvent(scheduleCreatedEvent, {
      intentId: approved.id,
      environmentId: approved.environmentId,
      plannedStart: approved.plannedStart,
      plannedEnd: approved.plannedEnd,
      status: 'ACTIVE',
      jobs: [],
    });
    await bed.waitForStatus(approved.id, 'SCHEDULED');
    return { ...approved, status: 'SCHEDULED', version: approved.version + 1 };
  };

  /** An environment the conflicts service knows: it learns it from intents' event, a moment after. */
  const knownEnvironment = async (): Promise<EnvironmentView> => {
    const created = await bed.createEnvironment({ ownerGroup: 'payments' });
    await eventually(async () => {
      await bed.call(conflictsCheckRpc, {
        actor: actors.requester,
        payload: {
          environmentId: created.id,
          plannedStart: '2031-01-01T00:00:00Z',
          plannedEnd: '2031-01-01T01:00:00Z',
        },
      });
    });
    return created;
  };

  beforeAll(async () => {
    bed = await IntentsTestBed.start({ extraEnv: { START_EARLY_TOLERANCE: 'PT15M' } });
    environment = await knownEnvironment();
  }, 90_000);

  afterAll(async () => bed?.close(), 30_000);

  it('refuses approve over an OPEN BLOCKING conflict the conflicts service finds, whatever the caller says', async () => {
    const start = Date.parse('2032-06-01T20:00:00Z');
    await blackout(start - 60 * MINUTE, start + 10 * 60 * MINUTE);
    const intent = await bed.fileIntent(environment.id, {
      submit: true,
      plannedStart: iso(start),
      plannedEnd: iso(start + 4 * 60 * MINUTE),
    });

    const problem = await refused(intent, 'approve', { blockingConflictIds: [] });

    expect(problem).toMatchObject({ status: 409, code: 'INTENT.BLOCKING_CONFLICT' });
    expect(problem.blockingConflictIds).toHaveLength(1);
    expect(await statusOf(intent.id)).toEqual({ status: 'REQUESTED', version: intent.version });
  });

  it('refuses a start more than START_EARLY_TOLERANCE before plannedStart, saying from when it may start', async () => {
    const start = Date.now() + 2 * 60 * MINUTE;
    const intent = await scheduled(
      await bed.fileIntent(environment.id, {
        submit: true,
        plannedStart: iso(start),
        plannedEnd: iso(start + 60 * MINUTE),
      }),
    );

    const problem = await refused(intent, 'start');

    expect(problem).toMatchObject({
      status: 409,
      code: 'INTENT.TOO_EARLY',
      earliestStart: iso(start - 15 * MINUTE),
      detail: expect.stringContaining('amend its window'),
    });
    expect(await statusOf(intent.id)).toEqual({ status: 'SCHEDULED', version: intent.version });
  });

  it('judges a start from that moment to plannedEnd: a blackout just before plannedStart blocks an early start', async () => {
    const start = Date.now() + 10 * MINUTE;
    const intent = await scheduled(
      await bed.fileIntent(environment.id, {
        submit: true,
        plannedStart: iso(start),
        plannedEnd: iso(start + 60 * MINUTE),
      }),
    );
    // Added after the approval, between now and plannedStart: outside the planned window.
    await blackout(Date.now() + 2 * MINUTE, start - MINUTE);

    const problem = await refused(intent, 'start');

    expect(problem).toMatchObject({ status: 409, code: 'INTENT.BLOCKING_CONFLICT', blockingConflictIds: [] });
    expect(problem.detail).toContain('between now and the planned start');
    expect(await statusOf(intent.id)).toEqual({ status: 'SCHEDULED', version: intent.version });
  });

  it('starts within the tolerance when nothing blocks from now to plannedEnd', async () => {
    const quiet = await knownEnvironment();
    const start = Date.now() + 10 * MINUTE;
    const intent = await scheduled(
      await bed.fileIntent(quiet.id, {
        submit: true,
        plannedStart: iso(start + 24 * 60 * MINUTE - 10 * MINUTE),
        plannedEnd: iso(start + 25 * 60 * MINUTE),
      }),
    );
    // Too early by a day: the rule, not the conflicts, refuses.
    expect(await refused(intent, 'start')).toMatchObject({ code: 'INTENT.TOO_EARLY' });

    const soon = await scheduled(
      await bed.fileIntent(quiet.id, {
        submit: true,
        plannedStart: iso(Date.now() + 5 * MINUTE),
        plannedEnd: iso(Date.now() + 20 * MINUTE),
      }),
    );
    await expect(transition(soon, 'start')).resolves.toMatchObject({ status: 'IN_PROGRESS' });
  });
});

describe('intents service: the approval gate fails closed', () => {
  let bed: IntentsTestBed;

  beforeAll(async () => {
    bed = await IntentsTestBed.start({ withConflicts: false, extraEnv: { RPC_TIMEOUT_MS: '500' } });
  }, 60_000);

  afterAll(async () => bed?.close(), 30_000);

  it('answers 503 and approves nothing when the conflicts service does not answer', async () => {
    const environment = await bed.createEnvironment();
    const intent = await bed.fileIntent(environment.id, { submit: true });

    const problem = await bed.problem(intentsTransitionRpc, {
      actor: actors.approver,
      payload: { intentId: intent.id, action: 'approve', version: intent.version },
    });

    expect(problem).toMatchObject({ status: 503, code: 'APPROVAL_GATE.UNAVAILABLE' });
    const { rows } = await bed.db.query('SELECT status FROM intents.refresh_intents WHERE id = $1', [
      intent.id,
    ]);
    expect(rows[0].status).toBe('REQUESTED');
  });
});
