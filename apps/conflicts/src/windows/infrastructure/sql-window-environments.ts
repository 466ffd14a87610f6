import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WindowEnvironments } from '../application/window-environments.port';

/** Reads the environments projection the conflicts service keeps from `environment.upserted`. */
@Injectable()
export class SqlWindowEnvironments implements WindowEnvironments {
  async unknownAmong(manager: EntityManager, environmentIds: readonly string[]): Promise<Set<string>> {
    if (environmentIds.length === 0) return new Set();
    const rows: { id: string }[] = await manager.query(
      `SELECT given.id::text AS id FROM unnest($1::uuid[]) AS given(id)
       WHERE NOT EXISTS (SELECT 1 FROM conflicts.environments WHERE environments.id = given.id)`,
      [[...environmentIds]],
    );
    return new Set(rows.map((row) => row.id));
  }
}
