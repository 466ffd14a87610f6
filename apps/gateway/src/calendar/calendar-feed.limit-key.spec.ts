import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { calendarFeedLimitKey } from './calendar-feed.limit-key';

const request = (url: string, query: Record<string, unknown>) =>
  ({ url, query }) as unknown as FastifyRequest;

describe('calendarFeedLimitKey', () => {
  it("keys a feed request by its token's hash, never the token itself", () => {
    const key = calendarFeedLimitKey(request('/api/v1/calendar.ics?token=erc_abc', { token: 'erc_abc' }));
    expect(key).toBe(`feed:${createHash('sha256').update('erc_abc').digest('hex')}`);
    expect(key).not.toContain('erc_abc');
  });

  it('leaves every other route, and a feed request without a token, to the usual key', () => {
    expect(calendarFeedLimitKey(request('/api/v1/calendar?token=x', { token: 'x' }))).toBeUndefined();
    expect(
      calendarFeedLimitKey(request('/api/v1/calendar.ics.evil?token=x', { token: 'x' })),
    ).toBeUndefined();
    expect(calendarFeedLimitKey(request('/api/v1/calendar.ics', {}))).toBeUndefined();
  });
});
