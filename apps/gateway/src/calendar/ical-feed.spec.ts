import ICAL from 'ical.js';
import type { CalendarEntryView } from '@envrefresh/contracts';
import { etagOf } from '../http/conditional-get';
import { renderFeed } from './ical-feed';

const entry = (overrides: Partial<CalendarEntryView> = {}): CalendarEntryView => ({
  kind: 'REFRESH',
  start: '2027-01-01T10:00:00.000Z',
  end: '2027-01-01T12:00:00.000Z',
  environmentId: '11111111-1111-4111-8111-111111111111',
  title:
    'MASKED_COPY refresh of qa-payments, with a title long enough to need folding at seventy-five octets',
  status: 'SCHEDULED',
  ref: '33333333-3333-4333-8333-333333333333',
  uid: 'refresh-33333333-3333-4333-8333-333333333333@envrefresh',
  sequence: 3,
  updatedAt: '2026-11-30T10:00:00.000Z',
  ...overrides,
});

describe('renderFeed', () => {
  it('writes RFC 5545 that ical.js reads back: UTC times, UID, SEQUENCE, DTSTAMP, status, CRLF', () => {
    const text = renderFeed('envrefresh: refreshes', [
      entry(),
      entry({ uid: 'x@envrefresh', status: 'CANCELLED' }),
    ]);
    expect(text).toContain('\r\n');
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('envrefresh: refreshes');
    expect(text).toMatch(/REFRESH-INTERVAL;VALUE=DURATION:PT1H/);
    expect(text).toMatch(/X-PUBLISHED-TTL:PT1H/);
    const [first, second] = calendar.getAllSubcomponents('vevent');
    expect(first.getFirstPropertyValue('uid')).toBe(entry().uid);
    expect(first.getFirstPropertyValue('sequence')).toBe(3);
    expect(String(first.getFirstPropertyValue('dtstart'))).toBe('2027-01-01T10:00:00Z');
    expect(String(first.getFirstPropertyValue('dtstamp'))).toBe('2026-11-30T10:00:00Z');
    expect(first.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(second.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('gives the same bytes, and so the same ETag, for the same entries', () => {
    expect(etagOf(renderFeed('n', [entry()]))).toBe(etagOf(renderFeed('n', [entry()])));
    expect(etagOf(renderFeed('n', [entry()]))).not.toBe(etagOf(renderFeed('n', [entry({ sequence: 4 })])));
  });
});
