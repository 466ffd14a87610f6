import { bumpWorldRevision } from '../../shared/infrastructure/world-revision.sql';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUuid } from '@envrefresh/kernel';
import { queryPrepared, upsertNewerVersion } from '@envrefresh/persistence';
import { ProjectionChange, WorldRepository } from '../application/world.repository.port';
import { EnvironmentNode } from '../domain/environment-node';
import { IntentWindow } from '../domain/intent-window';
import {
  ENVIRONMENT_COLUMNS,
  EnvironmentRow,
  INTENT_WINDOW_COLUMNS,
  IntentWindowRow,
  environmentRow,
  intentWindowRow,
  toEnvironmentNode,
  toIntentWindow,
} from '../../shared/infrastructure/world-rows';

@Injectable()
export class SqlWorldRepository implements WorldRepository {
  async saveIntent(manager: EntityManager, intent: IntentWindow): Promise<ProjectionChange<IntentWindow>> {
    const previous = await this.lockIntent(manager, intent.intentId);
    const changed = await upsertNewerVersion(
      manager,
      { schema: 'conflicts', table: 'intent_windows', key: 'intent_id' },
      intentWindowRow(intent),
    );
    return { changed, previous, current: intent };
  }

  async saveEnvironment(
    manager: EntityManager,
    node: EnvironmentNode,
  ): Promise<ProjectionChange<EnvironmentNode>> {
    const [previous] = (await manager.query(
      `SELECT ${ENVIRONMENT_COLUMNS} FROM conflicts.environments WHERE id = $1 FOR UPDATE`,
      [node.id],
    )) as EnvironmentRow[];
    const changed = await upsertNewerVersion(
      manager,
      { schema: 'conflicts', table: 'environments', key: 'id' },
      environmentRow(node),
    );
    if (changed) {
      await bumpWorldRevision(manager);
    }
    return { changed, previous: previous ? toEnvironmentNode(previous) : null, current: node };
  }

  async lockIntent(manager: EntityManager, intentId: string): Promise<IntentWindow | null> {
    const [row] = await queryPrepared<IntentWindowRow>(
      manager,
      `SELECT ${INTENT_WINDOW_COLUMNS} FROM conflicts.intent_windows WHERE intent_id = $1 FOR UPDATE`,
      [intentId],
    );
    return row ? toIntentWindow(row) : null;
  }

  async environmentVersions(manager: EntityManager, refs: readonly string[]): Promise<Map<string, number>> {
    const rows: { id: string; key: string; version: string }[] = await manager.query(
      `SELECT id::text AS id, key, version FROM conflicts.environments
       WHERE id = ANY($1::uuid[]) OR key = ANY($2::text[])`,
      [refs.filter((ref) => isUuid(ref)), [...refs]],
    );
    const versions = new Map<string, number>();
    for (const row of rows) {
      versions.set(row.id, Number(row.version));
      versions.set(row.key, Number(row.version));
    }
    return versions;
  }

  async intentVersions(manager: EntityManager, ids: readonly string[]): Promise<Map<string, number>> {
    const rows = await queryPrepared<{ id: string; version: number }>(
      manager,
      `SELECT intent_id::text AS id, version FROM conflicts.intent_windows WHERE intent_id = ANY($1::uuid[])`,
      [ids.filter((id) => isUuid(id))],
    );
    return new Map(rows.map((row) => [row.id, Number(row.version)]));
  }
}
