import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { purgeIdempotencyKeysBefore } from './sql-idempotency.store';

/** As often as the messaging janitor purges the outbox and inbox. */
export const IDEMPOTENCY_PURGE_INTERVAL_MS = 3_600_000;

/**
 * Forgets Idempotency-Keys older than IDEMPOTENCY_KEY_RETENTION, like the inbox forgets event
 * ids after MESSAGING_RETENTION_DAYS: a client retries within minutes or hours, so a key kept
 * for ever only grows the table. Runs once at start, then hourly; every replica may run it
 * (a DELETE by age is idempotent). A schema without the table (scheduling) has nothing to purge.
 */
export class IdempotencyKeyJanitor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IdempotencyKeyJanitor.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly retentionMs: number,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => void this.purgeOnce();
    setImmediate(tick);
    this.timer = setInterval(tick, IDEMPOTENCY_PURGE_INTERVAL_MS).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Deletes the keys created before `now - retention`; the number deleted. */
  async purge(now = new Date()): Promise<number> {
    return purgeIdempotencyKeysBefore(
      this.dataSource,
      this.schema,
      new Date(now.getTime() - this.retentionMs),
    );
  }

  private async purgeOnce(): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    try {
      this.running = this.purge();
      const purged = await this.running;
      if (purged > 0) this.logger.log(`purged ${purged} idempotency keys`);
    } catch (error) {
      this.logger.warn(`idempotency key purge failed, will try again: ${(error as Error).message}`);
    } finally {
      this.running = undefined;
    }
  }
}
