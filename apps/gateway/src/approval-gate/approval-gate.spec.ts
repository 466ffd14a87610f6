import { RemoteProblemError, RemoteTimeoutError, RemoteUnavailableError } from '@envrefresh/messaging';
import { ProblemException } from '../http/problem-exception';
import { ServiceClients } from '../services/service-clients';
import { ApprovalGate } from './approval-gate';

const actor = { sub: 'bob', roles: ['approver'], groups: [] };
const intentId = '7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11';

function gateAnswering(answer: () => Promise<unknown>): ApprovalGate {
  return new ApprovalGate({ call: answer } as unknown as ServiceClients);
}

describe('ApprovalGate', () => {
  it('returns the ids of the conflicts the conflicts service reports as blocking', async () => {
    const gate = gateAnswering(async () => ({ blocking: [{ id: 'c1' }, { id: 'c2' }] }));
    await expect(gate.blockingConflictIds(actor, intentId, 'approve')).resolves.toEqual(['c1', 'c2']);
  });

  it.each([
    ['a timeout', () => Promise.reject(new RemoteTimeoutError('conflicts', 500))],
    ['an open circuit', () => Promise.reject(new RemoteUnavailableError('conflicts', 'circuit open'))],
    [
      'an error answer',
      () =>
        Promise.reject(
          new RemoteProblemError('conflicts', {
            status: 500,
            type: 'about:blank',
            title: 'Internal Server Error',
          }),
        ),
    ],
    ['a reply without a list', () => Promise.resolve({})],
    ['a list of things without ids', () => Promise.resolve({ blocking: [{}] })],
    ['no reply at all', () => Promise.resolve(null)],
  ])('fails closed with 503 on %s', async (_case, answer) => {
    const failure = await gateAnswering(answer)
      .blockingConflictIds(actor, intentId, 'start')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProblemException);
    expect((failure as ProblemException).problem).toMatchObject({
      status: 503,
      code: 'APPROVAL_GATE.UNAVAILABLE',
      detail: expect.stringContaining('not started'),
    });
  });
});
