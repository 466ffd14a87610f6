import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { getOrCreateGauge } from '@envrefresh/observability';
import { table } from '../../shared/infrastructure/intents-schema';

type Read = () => Promise<void>;
let read: Read | undefined;
let lastRead: { at: number; done: Promise<void> } | undefined;

/** The three gauges are collected in one scrape: they share one query, whatever order they run in. */
function refresh(): Promise<void> {
  const now = Date.now();
  if (!read) return Promise.resolve();
  if (!lastRead || now - lastRead.at > SHARED_READ_MS)
    lastRead = { at: now, done: read().catch(() => undefined) };
  return lastRead.done;
}
const SHARED_READ_MS = 1_000;
const INTENTS = table('refresh_intents');
let counts: { status: string; refresh_type: string; intents: number }[] = [];
let pending = { count: 0, oldestAgeSeconds: 0 };

const byStatus = getOrCreateGauge({
  name: 'refresh_intents',
  help: 'Refresh intents by status and refresh type (every replica reports the same database figure)',
  labelNames: ['status', 'refresh_type'],
  async collect() {
    await refresh();
    this.reset();
    for (const row of counts)
      byStatus.set({ status: row.status, refresh_type: row.refresh_type }, row.intents);
  },
});
getOrCreateGauge({
  name: 'refresh_intents_pending_approval',
  help: 'Intents waiting for an approval (REQUESTED)',
  async collect() {
    await refresh();
    this.set(pending.count);
  },
});
getOrCreateGauge({
  name: 'refresh_intents_pending_approval_oldest_age_seconds',
  help: 'Seconds since the oldest REQUESTED intent was submitted or last amended (0: none waiting)',
  async collect() {
    await refresh();
    this.set(pending.oldestAgeSeconds);
  },
});

/** Reads the figures from the intents table at scrape time, so a restart loses nothing. */
@Injectable()
export class IntentGauges implements OnModuleInit, OnApplicationShutdown {
  private readonly read: Read = async () => {
    const rows: { status: string; refresh_type: string; intents: string }[] = await this.dataSource.query(
      `SELECT status, refresh_type, count(*) AS intents FROM ${INTENTS} GROUP BY status, refresh_type`,
    );
    const [waiting]: { count: string; oldest: string | null }[] = await this.dataSource.query(
      `SELECT count(*) AS count, extract(epoch FROM now() - min(updated_at)) AS oldest
         FROM ${INTENTS} WHERE status = 'REQUESTED'`,
    );
    counts = rows.map((row) => ({ ...row, intents: Number(row.intents) }));
    pending = { count: Number(waiting.count), oldestAgeSeconds: Number(waiting.oldest ?? 0) };
  };

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    read = this.read;
  }

  onApplicationShutdown(): void {
    if (read === this.read) read = undefined;
  }
}
