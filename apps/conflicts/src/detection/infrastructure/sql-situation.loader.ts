import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { BookingPriority } from '@envrefresh/contracts';
import { WORLD_REPOSITORY, WorldRepository } from '../../world/application/world.repository.port';
import { IntentWindow } from '../../world/domain/intent-window';
import { IntentWindowRow, toIntentWindow } from '../../world/infrastructure/world-rows';
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
      ]) as Promise<IntentWindowRow[]>,
      manager.query(BOOKINGS_SQL, [environmentIds, from, to]) as Promise<BookingRow[]>,
      manager.query(WINDOWS_SQL, [environmentIds, from, to, tiers]) as Promise<WindowRow[]>,
      manager.query(HAS_MAINTENANCE_SQL, [target.id, target.tier]) as Promise<{ has: boolean }[]>,
    ]);
    const intents = intentRows.map((row) => toOtherIntent(toIntentWindow(row)));
    const named = new Set(environmentIds);
    const unnamed = [
      ...new Set(
        [
          ...intents.flatMap((intent) => [intent.environmentId, intent.source?.environmentId]),
          candidate.source?.environmentId,
        ].filter((id): id is string => id !== undefined && !named.has(id)),
      ),
    ];
    const occurrences = windowRows.flatMap((row) => occurrencesOfWindow(row, span, environments));
    const maintenance = [
      ...occurrences.filter((o) => o.kind === 'MAINTENANCE' && o.coveredEnvironmentIds.includes(target.id)),
      ...occurrencesOfOwnMaintenance(target, span),
    ];
    return {
      span,
      target: { id: target.id, key: target.key, tier: target.tier, timezone: target.timezone },
      related: related.map((neighbour) => ({ ...neighbour })),
      intents,
      bookings: bookingRows.map(toBookingFact),
      blackouts: occurrences.filter((occurrence) => occurrence.kind === 'BLACKOUT'),
      maintenance,
      targetHasMaintenanceWindows:
        maintenanceResource.has || hasOwnMaintenanceInForce(target.maintenanceWindows, new Date()),
      ...(unnamed.length > 0 ? { environmentKeys: await this.keysOf(manager, unnamed) } : {}),
    };
  }

  /** Keys of environments the explanations name that are neither the target nor related to it. */
  private async keysOf(manager: EntityManager, ids: string[]): Promise<Record<string, string>> {
    const rows = (await manager.query(
      `SELECT id, key FROM conflicts.environments WHERE id = ANY ($1::uuid[])`,
      [ids],
    )) as { id: string; key: string }[];
    return Object.fromEntries(rows.map((row) => [row.id, row.key]));
  }
}

function toOtherIntent(intent: IntentWindow): OtherIntent {
  return {
    id: intent.intentId,
    environmentId: intent.environmentId,
    status: intent.status,
    refreshType: intent.refreshType,
    window: { start: intent.start, end: intent.end },
    ...(intent.source ? { source: intent.source } : {}),
    requestedBy: intent.requestedBy,
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
