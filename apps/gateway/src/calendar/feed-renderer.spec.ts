import type { CalendarEntryView } from '@envrefresh/contracts';
import { FeedRenderer } from './feed-renderer';
import { renderFeed } from './ical-feed';

const entry = (sequence: number): CalendarEntryView => ({
  kind: 'BOOKING',
  start: '2027-01-01T10:00:00.000Z',
  end: '2027-01-01T12:00:00.000Z',
  environmentId: '11111111-1111-4111-8111-111111111111',
  title: 'qa booked by payments: release testing',
  status: 'ACTIVE',
  ref: '44444444-4444-4444-8444-444444444444',
  uid: 'booking-44444444-4444-4444-8444-444444444444@envrefresh',
  sequence,
  updatedAt: '2026-11-30T10:00:00.000Z',
});

describe('FeedRenderer', () => {
  it('answers what renderFeed renders, and the same object again while nothing changed', () => {
    const renderer = new FeedRenderer();
    const first = renderer.render('n', [entry(0)]);
    expect(first.body).toBe(renderFeed('n', [entry(0)]));
    expect(renderer.render('n', [entry(0)])).toBe(first);
    const changed = renderer.render('n', [entry(1)]);
    expect(changed.body).toBe(renderFeed('n', [entry(1)]));
    expect(changed.etag).not.toBe(first.etag);
  });

  it('keeps no more bytes than it may, dropping the least recently used first', () => {
    const size = renderFeed('n', [entry(0)]).length;
    const renderer = new FeedRenderer(size * 2 + 10);
    const a = renderer.render('n', [entry(0)]);
    const b = renderer.render('n', [entry(1)]);
    expect(renderer.render('n', [entry(0)])).toBe(a);
    renderer.render('n', [entry(2)]);
    expect(renderer.render('n', [entry(0)])).toBe(a);
    expect(renderer.render('n', [entry(1)])).not.toBe(b);
  });
});
