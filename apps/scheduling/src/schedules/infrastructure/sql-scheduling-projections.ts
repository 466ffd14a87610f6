import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EnvironmentView, IntentView } from '@envrefresh/contracts';
import { isUuid } from '@envrefresh/kernel';
import { upsertNewerVersion } from '@envrefresh/persistence';
import { EnvironmentTimings, SchedulingProjections } from '../application/scheduling-projections.port';
import { SCHEMA, table } from './scheduling-schema';

interface EnvironmentRow {
  id: string;
  owner_group: string;
  timezone: string;
  reminder_lead_times: string[];
  overrun_grace: string;
}

/** An environment event older than issue 11 carries no timings: no reminders, the overrun at plannedEnd. */
const NO_GRACE = 'PT0S';

@Injectable()
export class SqlSchedulingProjections implements SchedulingProjections {
  saveIntent(manager: EntityManager, intent: IntentView): Promise<boolean> {
    return upsertNewerVersion(
      manager,
      { schema: SCHEMA, table: 'planned_refreshes', key: 'intent_id' },
      {
        intent_id: intent.id,
        environment_id: intent.environmentId,
        status: intent.status,
        planned_start: intent.plannedStart,
        planned_end: intent.plannedEnd,
        view: JSON.stringify(intent),
        version: intent.version,
      },
    );
  }

  async intent(manager: EntityManager, intentId: string): Promise<IntentView | null> {
    return (await this.intents(manager, [intentId])).get(intentId) ?? null;
  }

  async intents(manager: EntityManager, intentIds: readonly string[]): Promise<Map<string, IntentView>> {
    const rows: { view: IntentView }[] = await manager.query(
      `SELECT view FROM ${table('planned_refreshes')} WHERE intent_id = ANY($1::uuid[]) AND view IS NOT NULL`,
      [intentIds.filter((id) => isUuid(id))],
    );
    return new Map(rows.map((row) => [row.view.id, row.view]));
  }

  async intentVersions(manager: EntityManager, intentIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { id: string; version: number }[] = await manager.query(
      `SELECT intent_id::text AS id, version FROM ${table('planned_refreshes')}
        WHERE intent_id = ANY($1::uuid[]) AND view IS NOT NULL`,
      [intentIds.filter((id) => isUuid(id))],
    );
    return new Map(rows.map((row) => [row.id, Number(row.version)]));
  }

  saveEnvironment(manager: EntityManager, environment: EnvironmentView): Promise<boolean> {
    return upsertNewerVersion(
      manager,
      { schema: SCHEMA, table: 'environments', key: 'id' },
      {
        id: environment.id,
        key: environment.key,
        owner_group: environment.ownerGroup,
        timezone: environment.timezone,
        reminder_lead_times: environment.reminderLeadTimes ?? [],
        overrun_grace: environment.overrunGrace ?? NO_GRACE,
        // The catalog's versions are its updatedAt instants, as in the conflicts service's copy.
        version: Date.parse(environment.updatedAt),
      },
    );
  }

  async environment(manager: EntityManager, environmentId: string): Promise<EnvironmentTimings | null> {
    if (!isUuid(environmentId)) return null;
    const rows: EnvironmentRow[] = await manager.query(
      `SELECT id, owner_group, timezone, reminder_lead_times, overrun_grace FROM ${table('environments')} WHERE id = $1`,
      [environmentId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      ownerGroup: row.owner_group,
      timezone: row.timezone,
      reminderLeadTimes: row.reminder_lead_times,
      overrunGrace: row.overrun_grace,
    };
  }

  async environmentVersions(manager: EntityManager, refs: readonly string[]): Promise<Map<string, number>> {
    const rows: { id: string; key: string; version: string }[] = await manager.query(
      `SELECT id::text AS id, key, version FROM ${table('environments')}
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
}
