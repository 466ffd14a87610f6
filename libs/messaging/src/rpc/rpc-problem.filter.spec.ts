import { ArgumentsHost } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { DEPENDENCY_UNAVAILABLE_PROBLEM, RpcProblemFilter, TRY_AGAIN_PROBLEM } from './rpc-problem.filter';
import { RemoteTimeoutError, RemoteUnavailableError } from './remote-call.errors';

const answerOf = async (exception: unknown): Promise<unknown> => {
  const filter = new RpcProblemFilter(() => null);
  try {
    await firstValueFrom(filter.catch(exception, {} as ArgumentsHost));
  } catch (problem) {
    return problem;
  }
  throw new Error('the filter did not fail the call');
};

describe('RpcProblemFilter', () => {
  beforeAll(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));

  it('answers 503 when the database or a service it asks is not there (the fault harness saw 500s)', async () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    const dependencies = [
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('Query failed'), { driverError: terminated }),
      new RemoteUnavailableError('conflicts', 'circuit open'),
      new RemoteTimeoutError('conflicts', 5_000),
    ];
    for (const exception of dependencies)
      expect(await answerOf(exception)).toEqual(DEPENDENCY_UNAVAILABLE_PROBLEM);
  });

  it('answers 503 for a transaction Postgres rolled back as a deadlock victim (the fault harness saw 500s)', async () => {
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    expect(await answerOf(Object.assign(new Error('Query failed'), { driverError: deadlock }))).toEqual(
      TRY_AGAIN_PROBLEM,
    );
  });

  it('keeps other unknown errors a 500 that says nothing of its internals', async () => {
    expect(await answerOf(new TypeError('x is undefined'))).toMatchObject({
      status: 500,
      title: 'Internal Server Error',
    });
  });
});
