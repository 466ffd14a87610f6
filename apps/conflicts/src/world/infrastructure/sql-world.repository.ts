import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isUuid } from '@envrefresh/kernel';
import { upsertNewerVersion } from '@envrefresh/persistence';
import { ProjectionChange, WorldRepository } from '../application/world.repository.port';
import { EnvironmentNode, GraphNeighbour } from '../domain/environment-node';
import { IntentWindow } from '../domain/intent-window';
import { NEIGHBOURS_SQL } from './dependency-graph.sql';
import {
  ENVIRONMENT_COLUMNS,
  EnvironmentRow,
  INTENT_WINDOW_COLUMNS,
  IntentWindowRow,
  environmentRow,
  intentWindowRow,
  toEnvironmentNode,
  toIntentWindow,
} from './world-rows';

@Injectable()
export class SqlWorldRepository implements WorldRepository {
  async saveIntent(manager: EntityManager, intent: IntentWindow): Promise<ProjectionChange<IntentWindow>> {
    const previous = await this.lockIntent(manager, intent.intentId);
    const changed = await upsertNewerVersion(
      manager,
      { schema: 'conflicts', table: 'intent_windows', key: 'intent_id' },
      intentWindowRow(intent),
    );
    return { changed, previous };
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
    return { changed, previous: previous ? toEnvironmentNode(previous) : null };
  }

  async lockIntent(manager: EntityManager, intentId: string): Promise<IntentWindow | null> {
    const [row] = (await manager.query(
      `SELECT ${INTENT_WINDOW_COLUMNS} FROM conflicts.intent_windows WHERE intent_id = $1 FOR UPDATE`,
      [intentId],
    )) as IntentWindowRow[];
    return row ? toIntentWindow(row) : null;
  }

  async findEnvironment(manager: EntityManager, idOrKey: string): Promise<EnvironmentNode | null> {
    const [row] = (await manager.query(
      `SELECT ${ENVIRONMENT_COLUMNS} FROM conflicts.environments WHERE ${isUuid(idOrKey) ? 'id = $1::uuid' : 'key = $1'}`,
      [idOrKey],
    )) as EnvironmentRow[];
    return row ? toEnvironmentNode(row) : null;
  }

  async neighboursOf(manager: EntityManager, environmentId: string): Promise<GraphNeighbour[]> {
    const rows = (await manager.query(NEIGHBOURS_SQL, [environmentId])) as GraphNeighbour[];
    return rows.map((row) => ({ ...row, distance: Number(row.distance) }));
  }
}
