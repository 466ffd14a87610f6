import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryPrepared } from '@envrefresh/persistence';
import { WorldSnapshotCache } from '../../shared/infrastructure/world-snapshot.cache';
import { AffectedIntents, ChangeScope } from '../application/affected-intents.port';

const ACTIVE = `status IN ('REQUESTED', 'APPROVED', 'SCHEDULED', 'IN_PROGRESS')`;
const IN_SPAN = `($2::timestamptz IS NULL OR planned && tstzrange($2::timestamptz, $3::timestamptz, '[)'))`;

/**
 * $1 the environments connected to the change (walked in memory over the catalog), $2–$3 the
 * span, $4–$5 the source; with the catalog's revision, so a walk over a stale catalog is noticed.
 * A recursive walk in SQL cost PostgreSQL 0.4–0.8 ms of planning on every event, this 0.15.
 */
const AROUND_SQL = `
SELECT (SELECT revision::text FROM conflicts.world_revision) AS revision,
       ARRAY(SELECT intent_id::text FROM conflicts.intent_windows
              WHERE ${ACTIVE} AND ${IN_SPAN}
                AND (environment_id = ANY ($1::uuid[])
                     OR (source_environment_id IS NOT NULL AND source_environment_id = $4::uuid)
                     OR (source_snapshot IS NOT NULL AND source_snapshot = $5::text))) AS intent_ids`;

/**
 * Every writer of the catalog takes the recomputation lock first, as every caller of `around`
 * has, so a snapshot read again inside the transaction is current: a second attempt suffices.
 */
const SNAPSHOT_ATTEMPTS = 3;

@Injectable()
export class SqlAffectedIntents implements AffectedIntents {
  constructor(private readonly world: WorldSnapshotCache) {}

  async around(manager: EntityManager, scope: ChangeScope): Promise<string[]> {
    let snapshot = await this.world.snapshot(manager);
    for (let attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt++) {
      const seeds = snapshot.graph.idsOf({
        ids: scope.environmentIds ?? [],
        tiers: scope.tiers ?? [],
        everywhere: scope.everywhere ?? false,
      });
      const [row] = await queryPrepared<{ revision: string; intent_ids: string[] }>(manager, AROUND_SQL, [
        [...snapshot.graph.connectedTo(seeds)],
        scope.span?.start.toISOString() ?? null,
        scope.span?.end?.toISOString() ?? null,
        scope.source?.environmentId ?? null,
        scope.source?.snapshot ?? null,
      ]);
      if (row.revision === snapshot.revision) return row.intent_ids;
      snapshot = await this.world.reload(manager);
    }
    throw new Error(`the environment catalog kept changing while ${SNAPSHOT_ATTEMPTS} walks read it`);
  }
}
