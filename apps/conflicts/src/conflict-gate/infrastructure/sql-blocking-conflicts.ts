import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictView } from '@envrefresh/contracts';
import { BlockingConflicts } from '../application/blocking-conflicts.port';
import { CONFLICT_COLUMNS, ConflictRow, toConflictView } from './conflict-row.mapper';

@Injectable()
export class SqlBlockingConflicts implements BlockingConflicts {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async openBlockingFor(intentId: string): Promise<ConflictView[]> {
    const rows: ConflictRow[] = await this.dataSource.query(
      `SELECT ${CONFLICT_COLUMNS} FROM conflicts.conflicts
        WHERE intent_id = $1 AND status = 'OPEN' AND severity = 'BLOCKING'
        ORDER BY lower("window"), id`,
      [intentId],
    );
    return rows.map(toConflictView);
  }

  async allFor(intentId: string): Promise<ConflictView[]> {
    const rows: ConflictRow[] = await this.dataSource.query(
      `SELECT ${CONFLICT_COLUMNS} FROM conflicts.conflicts WHERE intent_id = $1 ORDER BY lower("window"), id`,
      [intentId],
    );
    return rows.map(toConflictView);
  }
}
