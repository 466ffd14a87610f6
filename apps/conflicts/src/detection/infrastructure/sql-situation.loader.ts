import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { BookingPriority, IntentStatus } from '@envrefresh/contracts';
import { WORLD_REPOSITORY, WorldRepository } from '../../world/application/world.repository.port';
import { SituationLoader } from '../application/situation-loader.port';
import { Interval } from '../domain/interval';
import { BookingFact, Candidate, OtherIntent, Situation } from '../domain/situation';
import { BOOKINGS_SQL, HAS_MAINTENANCE_SQL, INTENTS_SQL, WINDOWS_SQL } from './situation.sql';
import {
  WindowRow,
  hasOwnMaintenanceInForce,
  occurrencesOfOwnMaintenance,
  occurrencesOfWindow,
} from './window-occurrences';

interface IntentRow {
  intent_id: string;
  environment_id: string;
  status: IntentStatus;
  refresh_type: string;
  start: Date;
  end: Date;
  source_environment_id: string | null;
  source_snapshot: string | null;
  requested_by: string;
}

interface BookingRow {
  id: string;
  environment_id: string;
  start: Date;
  end: Date;
  group_key: string;
  purpose: string;
  priority: BookingPriority;
}

@Injectable()
export class SqlSituationLoader implements SituationLoader {
  constructor(@Inject(WORLD_REPOSITORY) private readonly world: WorldRepository) {}

  async load(manager: EntityManager, candidate: Candidate, span: Interval): Promise<Situation | null> {
    const target = await this.world.findEnvironment(manager, candidate.environmentId);
    if (!target) return null;
    const related = await this.world.neighboursOf(manager, target.id);
    const environments = [target, ...related];
    const environmentIds = environments.map((environment) => environment.id);
    const tiers = [...new Set(environments.map((environment) => environment.tier))];
    const from = span.start.toISOString();
    const to = span.end.toISOString();
    const [intentRows, bookingRows, windowRows, [maintenanceResource]] = await Promise.all([
      manager.query(INTENTS_SQL, [
        environmentIds,
        from,
        to,
        candidate.intentId ?? null,
        candidate.source?.environmentId ?? null,
        candidate.source?.snapshot ?? null,
      ]) as Promise<IntentRow[]>,
      manager.query(BOOKINGS_SQL, [environmentIds, from, to]) as Promise<BookingRow[]>,
      manager.query(WINDOWS_SQL, [environmentIds, from, to, tiers]) as Promise<WindowRow[]>,
      manager.query(HAS_MAINTENANCE_SQL, [target.id, target.tier]) as Promise<{ has: boolean }[]>,
    ]);
    const occurrences = windowRows.flatMap((row) => occurrencesOfWindow(row, span, environments));
    const maintenance = [
      ...occurrences.filter((o) => o.kind === 'MAINTENANCE' && o.coveredEnvironmentIds.includes(target.id)),
      ...occurrencesOfOwnMaintenance(target, span),
    ];
    return {
      span,
      target: { id: target.id, key: target.key, tier: target.tier, timezone: target.timezone },
      related: related.map((neighbour) => ({ ...neighbour })),
      intents: intentRows.map(toOtherIntent),
      bookings: bookingRows.map(toBookingFact),
      blackouts: occurrences.filter((occurrence) => occurrence.kind === 'BLACKOUT'),
      maintenance,
      targetHasMaintenanceWindows:
        maintenanceResource.has || hasOwnMaintenanceInForce(target.maintenanceWindows, new Date()),
    };
  }
}

function toOtherIntent(row: IntentRow): OtherIntent {
  const source = {
    ...(row.source_environment_id ? { environmentId: row.source_environment_id } : {}),
    ...(row.source_snapshot ? { snapshot: row.source_snapshot } : {}),
  };
  return {
    id: row.intent_id,
    environmentId: row.environment_id,
    status: row.status,
    refreshType: row.refresh_type,
    window: { start: row.start, end: row.end },
    ...(Object.keys(source).length > 0 ? { source } : {}),
    requestedBy: row.requested_by,
  };
}

function toBookingFact(row: BookingRow): BookingFact {
  return {
    id: row.id,
    environmentId: row.environment_id,
    window: { start: row.start, end: row.end },
    group: row.group_key,
    purpose: row.purpose,
    priority: row.priority,
  };
}
