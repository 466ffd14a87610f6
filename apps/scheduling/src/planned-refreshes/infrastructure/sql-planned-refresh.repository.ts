import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { upsertNewerVersion } from '@envrefresh/persistence';
import { PlannedRefreshRepository } from '../application/planned-refresh.repository.port';
import { PlannedRefresh } from '../domain/planned-refresh';

@Injectable()
export class SqlPlannedRefreshRepository implements PlannedRefreshRepository {
  save(manager: EntityManager, refresh: PlannedRefresh): Promise<boolean> {
    return upsertNewerVersion(
      manager,
      { schema: 'scheduling', table: 'planned_refreshes', key: 'intent_id' },
      {
        intent_id: refresh.intentId,
        environment_id: refresh.environmentId,
        status: refresh.status,
        planned_start: refresh.plannedStart,
        planned_end: refresh.plannedEnd,
        version: refresh.version,
      },
    );
  }
}
