import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { getOrCreateGauge } from '@envrefresh/observability';
import { CONFLICTS_TABLE } from './sql-conflict-register';

type OpenCount = { rule: string; severity: string; conflicts: number };
let read: (() => Promise<OpenCount[]>) | undefined;

// Read at scrape time from the register, so every replica reports the same truth.
getOrCreateGauge({
  name: 'conflicts_open',
  help: 'OPEN conflicts by the rule that found them and their severity',
  labelNames: ['rule', 'severity'],
  async collect() {
    const counts = await read?.().catch(() => undefined);
    if (!counts) return;
    this.reset();
    for (const { rule, severity, conflicts } of counts) this.set({ rule, severity }, conflicts);
  },
});

@Injectable()
export class OpenConflictGauge implements OnModuleInit, OnApplicationShutdown {
  private readonly read = async (): Promise<OpenCount[]> => {
    const rows: { rule: string; severity: string; conflicts: string }[] = await this.dataSource.query(
      `SELECT rule, severity, count(*) AS conflicts FROM ${CONFLICTS_TABLE} WHERE status = 'OPEN' GROUP BY rule, severity`,
    );
    return rows.map((row) => ({ ...row, conflicts: Number(row.conflicts) }));
  };

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    read = this.read;
  }

  onApplicationShutdown(): void {
    if (read === this.read) read = undefined;
  }
}
