import { RpcContract, intentApprovedEvent } from '@envrefresh/contracts';
import { RemoteProblemError, RemoteTimeoutError, RemoteUnavailableError } from '@envrefresh/messaging';
import { ProblemException } from '../http/problem-exception';
import { ServiceClients } from '../services/service-clients';
import { ApprovalGate } from './approval-gate';

const actor = { sub: 'bob', roles: ['approver'], groups: [] };
const intentId = '7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11';
const intent = { ...intentApprovedEvent.example, id: intentId, status: 'REQUESTED' };

type Answer = (request: unknown) => Promise<unknown>;
interface SentCall {
  pattern: string;
  request: unknown;
}

/** A gate over services that answer by pattern, recording what was asked in what order. */
function gateOver(answers: Record<string, Answer>): { gate: ApprovalGate; sent: SentCall[] } {
  const sent: SentCall[] = [];
  const services = {
    call: (contract: RpcContract, request: unknown) => {
      sent.push({ pattern: contract.pattern, request });
      const answer = answers[contract.pattern];
      return answer ? answer(request) : Promise.reject(new Error(`unexpected call to ${contract.pattern}`));
    },
  };
  return { gate: new ApprovalGate(services as unknown as ServiceClients), sent };
}

const intentFound: Answer = async () => intent;
const remoteProblem = (service: string, status: number) =>
  new RemoteProblemError(service, { status, type: 'about:blank', title: String(status) });

describe('ApprovalGate', () => {
  it('reads the intent as the caller, then asks about it with the intent attached', async () => {
    const { gate, sent } = gateOver({
      'intents.get': intentFound,
      'conflicts.blocking-for-intent': async () => ({ blocking: [{ id: 'c1' }, { id: 'c2' }] }),
    });

    await expect(gate.blockingConflictIds(actor, intentId, 'approve')).resolves.toEqual(['c1', 'c2']);
    expect(sent).toEqual([
      { pattern: 'intents.get', request: { actor, payload: { intentId } } },
      { pattern: 'conflicts.blocking-for-intent', request: { actor, payload: { intentId, intent } } },
    ]);
  });

  it.each([
    ['a hidden or unknown intent (404)', () => Promise.reject(remoteProblem('intents', 404)), 404],
    ['an intents service error', () => Promise.reject(remoteProblem('intents', 500)), 500],
  ])('lets %s through as it is, without asking the conflicts service', async (_case, answer, status) => {
    const { gate, sent } = gateOver({
      'intents.get': answer,
      'conflicts.blocking-for-intent': async () => ({ blocking: [] }),
    });

    const failure = await gate
      .blockingConflictIds(actor, intentId, 'approve')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RemoteProblemError);
    expect((failure as RemoteProblemError).problem.status).toBe(status);
    expect(sent.map((call) => call.pattern)).toEqual(['intents.get']);
  });

  it.each([
    ['a timeout', () => Promise.reject(new RemoteTimeoutError('conflicts', 500))],
    ['an open circuit', () => Promise.reject(new RemoteUnavailableError('conflicts', 'circuit open'))],
    ['an error answer', () => Promise.reject(remoteProblem('conflicts', 500))],
    ['a 404 answer', () => Promise.reject(remoteProblem('conflicts', 404))],
    ['a reply without a list', () => Promise.resolve({})],
    ['a list of things without ids', () => Promise.resolve({ blocking: [{}] })],
    ['no reply at all', () => Promise.resolve(null)],
  ])('fails closed with 503 on %s from the conflicts service', async (_case, answer) => {
    const { gate } = gateOver({ 'intents.get': intentFound, 'conflicts.blocking-for-intent': answer });

    const failure = await gate.blockingConflictIds(actor, intentId, 'start').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProblemException);
    expect((failure as ProblemException).problem).toMatchObject({
      status: 503,
      code: 'APPROVAL_GATE.UNAVAILABLE',
      detail: expect.stringContaining('not started'),
    });
  });
});
