import { randomUUID } from 'node:crypto';
import { IntentView, RemoteProblem, intentApprovedEvent } from '@envrefresh/contracts';
import { ReceivedCall } from './support/fake-rpc-service';
import { problemOf } from './support/gateway-under-test';
import { Caller, GatewayOverFakes } from './support/gateway-over-fakes';

const approver: Caller = { sub: 'bob', roles: ['approver'], groups: ['payments'] };
const operator: Caller = { sub: 'olga', roles: ['operator'], groups: [] };

/** The intent as the intents service holds it: what the gate must read and pass on. */
const intentNamed = (id: string): IntentView => ({
  ...intentApprovedEvent.example,
  id,
  status: 'REQUESTED',
  plannedStart: '2027-03-01T22:00:00Z',
  plannedEnd: '2027-03-02T02:00:00Z',
  version: 3,
});

const notFound: RemoteProblem = {
  status: 404,
  type: 'about:blank',
  title: 'Not Found',
  detail: 'No such intent',
};

describe('approval gate (ADR 0009): approve and start read the intent, ask the conflicts service with it, and fail closed', () => {
  let api: GatewayOverFakes;
  /** What the fake conflicts service says is blocking, per intent id. */
  const blockingOf = new Map<string, string[]>();
  let conflictsAnswer: (call: ReceivedCall) => { response: unknown } | { problem: RemoteProblem } = (
    call,
  ) => ({
    response: {
      blocking: (blockingOf.get(call.data.payload?.intentId as string) ?? []).map((id) => ({ id })),
    },
  });
  let intentsAnswer: (call: ReceivedCall) => { response: unknown } | { problem: RemoteProblem } = (call) =>
    call.pattern === 'intents.get'
      ? { response: intentNamed(call.data.payload?.intentId as string) }
      : { response: intentApprovedEvent.example };

  const act = (
    action: 'approve' | 'start',
    intentId: string,
    caller: Caller,
    headers: Record<string, string> = {},
  ) =>
    api.request('POST', `/intents/${intentId}/${action}`, caller, {
      body: { version: 3, notes: 'checked' },
      headers,
    });
  const callsTo = (pattern: string) => api.sent().filter((call) => call.pattern === pattern);

  beforeAll(async () => {
    api = await GatewayOverFakes.start({ RPC_TIMEOUT_MS: '500' });
    api.fakes.intents.answerWith((call) => intentsAnswer(call));
    api.fakes.conflicts.answerWith((call) => conflictsAnswer(call));
  }, 30_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('reads the intent as the caller, sends it with the question, and hands the blocking ids to intents.transition', async () => {
    const intentId = randomUUID();
    const blocking = [randomUUID(), randomUUID()];
    blockingOf.set(intentId, blocking);
    const requestId = `gate-${randomUUID()}`;

    const response = await act('approve', intentId, approver, { 'x-request-id': requestId });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(intentApprovedEvent.example);
    const envelope = { actor: approver, correlationId: requestId };
    expect(callsTo('intents.get').at(-1)?.data).toEqual({ ...envelope, payload: { intentId } });
    expect(callsTo('conflicts.blocking-for-intent').at(-1)?.data).toEqual({
      ...envelope,
      payload: { intentId, intent: intentNamed(intentId) },
    });
    expect(callsTo('intents.transition').at(-1)?.data).toEqual({
      ...envelope,
      payload: { intentId, action: 'approve', version: 3, notes: 'checked', blockingConflictIds: blocking },
    });
  });

  it('asks again at start, and passes an empty list when nothing blocks', async () => {
    const intentId = randomUUID();
    const before = callsTo('conflicts.blocking-for-intent').length;

    expect((await act('start', intentId, operator)).status).toBe(200);
    expect(callsTo('conflicts.blocking-for-intent')).toHaveLength(before + 1);
    expect(callsTo('conflicts.blocking-for-intent').at(-1)?.data).toMatchObject({
      actor: { sub: 'olga' },
      payload: { intentId, intent: { id: intentId } },
    });
    expect(callsTo('intents.transition').at(-1)?.data.payload).toMatchObject({
      intentId,
      action: 'start',
      blockingConflictIds: [],
    });
  });

  it('answers 404 for an intent the caller may not see, without asking the conflicts service', async () => {
    const hidden = randomUUID();
    const previous = intentsAnswer;
    intentsAnswer = (call) =>
      call.data.payload?.intentId === hidden ? { problem: notFound } : previous(call);
    const before = {
      conflicts: callsTo('conflicts.blocking-for-intent').length,
      transitions: callsTo('intents.transition').length,
    };
    try {
      for (const [action, caller] of [
        ['approve', approver],
        ['start', operator],
      ] as const) {
        const response = await act(action, hidden, caller);
        expect(response.status).toBe(404);
        expect(await problemOf(response)).toMatchObject({ status: 404, detail: 'No such intent' });
      }
    } finally {
      intentsAnswer = previous;
    }
    expect(callsTo('conflicts.blocking-for-intent')).toHaveLength(before.conflicts);
    expect(callsTo('intents.transition')).toHaveLength(before.transitions);
  });

  it("relays the intents service's refusal as it was sent (409 with code and allowedActions)", async () => {
    const intentId = randomUUID();
    blockingOf.set(intentId, [randomUUID()]);
    const previous = intentsAnswer;
    intentsAnswer = (call) =>
      call.pattern === 'intents.transition'
        ? {
            problem: {
              status: 409,
              type: 'https://envrefresh.dev/problems/blocking-conflicts',
              title: 'Blocked by conflicts',
              detail: 'The intent has OPEN BLOCKING conflicts',
              code: 'INTENT.BLOCKED_BY_CONFLICTS',
              allowedActions: ['reject', 'cancel'],
            },
          }
        : previous(call);
    try {
      const response = await act('approve', intentId, approver);
      expect(response.status).toBe(409);
      expect(await problemOf(response)).toMatchObject({
        status: 409,
        code: 'INTENT.BLOCKED_BY_CONFLICTS',
        allowedActions: ['reject', 'cancel'],
      });
    } finally {
      intentsAnswer = previous;
    }
    expect(callsTo('intents.transition').at(-1)?.data.payload).toMatchObject({
      intentId,
      blockingConflictIds: blockingOf.get(intentId),
    });
  });

  it.each<[string, () => void]>([
    [
      'an error answer',
      () =>
        (conflictsAnswer = () => ({
          problem: { status: 500, type: 'about:blank', title: 'Internal Server Error' },
        })),
    ],
    ['a malformed reply', () => (conflictsAnswer = () => ({ response: { blocking: 'none' } }))],
    ['no answer within RPC_TIMEOUT_MS', () => api.fakes.conflicts.stop()],
  ])(
    'answers 503 and never reaches intents.transition on %s from the conflicts service',
    async (_case, breakIt) => {
      const working = conflictsAnswer;
      breakIt();
      const before = callsTo('intents.transition').length;
      try {
        for (const [action, caller] of [
          ['approve', approver],
          ['start', operator],
        ] as const) {
          const response = await act(action, randomUUID(), caller);
          expect(response.status).toBe(503);
          expect(await problemOf(response)).toMatchObject({
            status: 503,
            code: 'APPROVAL_GATE.UNAVAILABLE',
            detail: expect.stringContaining(`not ${action === 'approve' ? 'approved' : 'started'}`),
          });
        }
      } finally {
        conflictsAnswer = working;
      }
      expect(callsTo('intents.transition')).toHaveLength(before);
    },
  );

  it('still serves the routes that do not need the conflicts service', async () => {
    const intentId = randomUUID();
    const response = await api.request('GET', `/intents/${intentId}`, approver);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: intentId });
  });
});
