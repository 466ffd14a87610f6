import { createHash } from 'node:crypto';
import type { CalendarEntryView } from '@envrefresh/contracts';
import { etagOf, renderFeed } from './ical-feed';

/**
 * Rendered feed bodies this gateway keeps, at most this many bytes together. Calendar apps poll a
 * feed that rarely changes; rendering 1,000 events costs some 30 ms of CPU, a digest of what they
 * are made of about one. The gateway's old space is 128 MB (libs/platform/src/app-heap.ts).
 */
export const FEED_CACHE_MAX_BYTES = 8 * 1024 * 1024;

export interface RenderedFeed {
  body: string;
  etag: string;
}

/**
 * `renderFeed` with the latest bodies kept by a digest of their name and entries (least recently
 * used go first). One per gateway process, provided by a factory in the gateway module.
 */
export class FeedRenderer {
  private readonly rendered = new Map<string, RenderedFeed>();
  private bytes = 0;

  constructor(private readonly maxBytes = FEED_CACHE_MAX_BYTES) {}

  render(name: string, entries: readonly CalendarEntryView[]): RenderedFeed {
    const key = createHash('sha256')
      .update(JSON.stringify([name, entries]), 'utf8')
      .digest('base64url');
    const known = this.rendered.get(key);
    if (known) {
      this.rendered.delete(key);
      this.rendered.set(key, known);
      return known;
    }
    const body = renderFeed(name, entries);
    const feed = { body, etag: etagOf(body) };
    if (body.length > this.maxBytes) return feed;
    this.rendered.set(key, feed);
    this.bytes += body.length;
    for (const [oldest, kept] of this.rendered) {
      if (this.bytes <= this.maxBytes) break;
      this.rendered.delete(oldest);
      this.bytes -= kept.body.length;
    }
    return feed;
  }
}
