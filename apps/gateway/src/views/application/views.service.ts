import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { FreezeView, IntentView } from '@envrefresh/contracts';
import { Invalidation, ViewCache } from '../domain/view-cache';
import { Viewer, viewerKey } from '../domain/viewer-key';
import { PROJECTION_CATCH_UP_WAIT_MS } from '../../services/projection-catch-up';
import { invalidationOfEvent } from '../domain/invalidation-of';
import { WrittenIntents } from '../domain/written-intents';
import { VIEWS_BUS, ViewsBusPort } from './views-bus.port';
import { barrierTimeouts, barrierWaitSeconds, trackViewsState, viewReads } from './views-metrics';

/**
 * The gateway's read path for GET /intents/{id} and GET /freeze (ADR 0031): from memory while this
 * replica's barrier queue flows, by RPC otherwise; and the barrier every 2xx write passes before
 * its answer leaves, so no replica serves what the write changed.
 */
@Injectable()
export class ViewsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ViewsService.name);

  constructor(
    private readonly cache: ViewCache,
    private readonly writtenIntents: WrittenIntents,
    @Inject(VIEWS_BUS) private readonly bus: ViewsBusPort,
  ) {}

  onModuleInit(): void {
    this.bus.start({
      invalidate: (invalidation) => this.applyWrite(invalidation),
      event: (type, data) => {
        const invalidation = invalidationOfEvent(type, data);
        if (invalidation) this.cache.invalidate(invalidation);
      },
      resubscribed: () => this.cache.clear(),
    });
    trackViewsState({ serving: () => this.bus.flowing(), peers: () => this.bus.peerCount() });
  }

  async intent(viewer: Viewer, intentId: string, fetch: () => Promise<IntentView>): Promise<IntentView> {
    if (!this.bus.flowing()) {
      viewReads.inc({ resource: 'intent', outcome: 'fenced' });
      return fetch();
    }
    const key = viewerKey(viewer);
    const kept = this.cache.intent(intentId, key);
    if (kept) {
      viewReads.inc({ resource: 'intent', outcome: 'hit' });
      return kept;
    }
    viewReads.inc({ resource: 'intent', outcome: 'miss' });
    const ticket = this.cache.beginRead();
    const view = await fetch();
    // Kept only if the queue still flowed throughout: a gap may have swallowed an invalidation.
    if (this.bus.flowing()) this.cache.keepIntent(ticket, key, view);
    return view;
  }

  async freeze(viewer: Viewer, environmentId: string, fetch: () => Promise<FreezeView>): Promise<FreezeView> {
    if (!this.bus.flowing()) {
      viewReads.inc({ resource: 'freeze', outcome: 'fenced' });
      return fetch();
    }
    const key = viewerKey(viewer);
    const kept = this.cache.freeze(environmentId, key, Date.now());
    if (kept) {
      viewReads.inc({ resource: 'freeze', outcome: 'hit' });
      return kept;
    }
    viewReads.inc({ resource: 'freeze', outcome: 'miss' });
    const ticket = this.cache.beginRead();
    const view = await fetch();
    if (this.bus.flowing()) this.cache.keepFreeze(ticket, key, view, Date.now());
    return view;
  }

  /**
   * Before a write's 2xx leaves: drop here what it changed, then wait until every peer has too.
   * A barrier that times out still lets the answer go (the write is committed), with a warning:
   * the peer that did not answer fences itself when its queue stops flowing.
   */
  async written(invalidation: Invalidation): Promise<void> {
    this.applyWrite(invalidation);
    const started = process.hrtime.bigint();
    const outcome = await this.bus.announce(invalidation, PROJECTION_CATCH_UP_WAIT_MS);
    barrierWaitSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    if (!outcome.complete) {
      barrierTimeouts.inc();
      this.logger.warn(
        `views barrier: not every one of ${outcome.peers} peer replica(s) acknowledged within ${PROJECTION_CATCH_UP_WAIT_MS} ms; answering anyway`,
      );
    }
  }

  /** A write's invalidation, this replica's or a peer's: its views go, and the calendar will be told of its intents (ADR 0035). */
  private applyWrite(invalidation: Invalidation): void {
    this.cache.invalidate(invalidation);
    this.writtenIntents.record(invalidation.intents, Date.now());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
