import { OutboundError } from '@envrefresh/outbound';
import { outcomeOfError, outcomeOfStatus } from './http-outcome';

describe('HTTP attempt outcomes', () => {
  const now = new Date('2026-12-02T01:00:00Z');

  it.each([
    [200, 'SENT'],
    [204, 'SENT'],
    [410, 'GONE'],
    [408, 'RETRY'],
    [429, 'RETRY'],
    [500, 'RETRY'],
    [503, 'RETRY'],
    [400, 'REJECTED'],
    [401, 'REJECTED'],
    [404, 'REJECTED'],
  ])('%i is %s', (status, kind) => {
    expect(outcomeOfStatus(status, {}, 5, now)).toMatchObject({ kind, statusCode: status, durationMs: 5 });
  });

  it('reads Retry-After on a retried status', () => {
    expect(outcomeOfStatus(429, { 'retry-after': '2' }, 1, now)).toMatchObject({ retryAfterMs: 2000 });
    expect(outcomeOfStatus(503, { 'retry-after': 'Wed, 02 Dec 2026 01:01:00 GMT' }, 1, now)).toMatchObject({
      retryAfterMs: 60_000,
    });
    expect(outcomeOfStatus(500, {}, 1, now)).toMatchObject({ retryAfterMs: null });
  });

  it('rejects policy refusals and redirects, retries the rest', () => {
    for (const code of [
      'OUTBOUND.ADDRESS_REFUSED',
      'OUTBOUND.SCHEME_REFUSED',
      'OUTBOUND.INVALID_URL',
    ] as const)
      expect(outcomeOfError(new OutboundError(code, 'no'), 1)).toMatchObject({
        kind: 'REJECTED',
        statusCode: null,
      });
    expect(
      outcomeOfError(new OutboundError('OUTBOUND.REDIRECT_REFUSED', 'moved', { status: 302 }), 1),
    ).toMatchObject({ kind: 'REJECTED', statusCode: 302 });
    for (const code of [
      'OUTBOUND.TIMEOUT',
      'OUTBOUND.CONNECTION_FAILED',
      'OUTBOUND.DNS_FAILED',
      'OUTBOUND.RESPONSE_TOO_LARGE',
    ] as const)
      expect(outcomeOfError(new OutboundError(code, 'later'), 1)).toMatchObject({
        kind: 'RETRY',
        error: `${code}: later`,
      });
  });
});
