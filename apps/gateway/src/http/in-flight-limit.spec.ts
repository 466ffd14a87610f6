import type { FastifyReply, FastifyRequest } from 'fastify';
import { InFlightLimit } from './in-flight-limit';
import { ProblemException } from './problem-exception';

const request = () => ({}) as FastifyRequest;
function reply() {
  const headers: Record<string, string> = {};
  const fake = { header: (name: string, value: string) => ((headers[name] = value), fake), headers };
  return fake as unknown as FastifyReply & { headers: Record<string, string> };
}

describe('InFlightLimit', () => {
  it('refuses the request past the limit with 429 and Retry-After, for that caller only', () => {
    const limit = new InFlightLimit(2);
    limit.admit('ann', request(), reply());
    limit.admit('ann', request(), reply());
    const refusedReply = reply();
    expect(() => limit.admit('ann', request(), refusedReply)).toThrow(ProblemException);
    expect(refusedReply.headers['retry-after']).toBe('1');
    expect(() => limit.admit('bob', request(), reply())).not.toThrow();
  });

  it('takes one slot per request however many guards admit it, and gives it back once', () => {
    const limit = new InFlightLimit(2);
    const first = request();
    limit.admit('ann', first, reply());
    limit.admit('ann', first, reply());
    limit.admit('ann', request(), reply());
    expect(() => limit.admit('ann', request(), reply())).toThrow(ProblemException);

    limit.release(first);
    limit.release(first);
    limit.admit('ann', request(), reply());
    expect(() => limit.admit('ann', request(), reply())).toThrow(ProblemException);
  });

  it('gives nothing back for a request it never admitted', () => {
    const limit = new InFlightLimit(1);
    limit.admit('ann', request(), reply());
    limit.release(request());
    expect(() => limit.admit('ann', request(), reply())).toThrow(ProblemException);
  });
});
