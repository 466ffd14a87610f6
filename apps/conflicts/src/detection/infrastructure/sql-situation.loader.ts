import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, type WorkBudget } from '@envrefresh/kernel';
import { queryPrepared } from '@envrefresh/persistence';
import { BookingClaimRow } from '../../shared/infrastructure/booking-rows';
import { EnvironmentGraph } from '../../world/domain/environment-graph';
import { IntentWindow } from '../../world/domain/intent-window';
import { IntentWindowRow, toIntentWindow } from '../../shared/infrastructure/world-rows';
import { WorldSnapshot, WorldSnapshotCache } from '../../shared/infrastructure/world-snapshot.cache';
import { SituationLoader } from '../application/situation-loader.port';
import { Interval } from '@envrefresh/recurrence';
import { BookingFact, Candidate, OtherIntent, Situation, WindowOccurrence } from '../domain/situation';
import { SITUATION_SQL } from './situation.sql';
import {
  hasOwnMaintenanceInForce,
  occurrencesOfOwnMaintenance,
  occurrencesOfWindow,
} from './window-occurrences';

/** Instants arrive as JSON strings inside the aggregated rows. */
type Json<TRow> = {
  [K in keyof TRow]: TRow[K] extends Date ? string : TRow[K] extends Date | null ? string | null : TRow[K];
};

interface SituationRow {
  revision: string;
  intents: Json<IntentWindowRow>[];
  bookings: Json<BookingClaimRow>[];
}

/** A catalog that keeps changing under a check is read again at most this often before giving up. */
const SNAPSHOT_ATTEMPTS = 3;

@Injectable()
export class SqlSituationLoader implements SituationLoader {
  constructor(
    private readonly world: WorldSnapshotCache,
    private readonly clock: Clock,
  ) {}

  async load(
    manager: EntityManager,
    candidate: Candidate,
    span: Interval,
    budget?: WorkBudget,
  ): Promise<Situation | null> {
    let snapshot = await this.world.snapshot(manager);
    for (let attempt = 1; ; attempt++) {
      if (!snapshot.graph.find(candidate.environmentId)) snapshot = await this.world.reload(manager);
      const situation = await this.loadWith(snapshot, manager, candidate, span, budget);
      if (situation !== 'stale' || attempt >= SNAPSHOT_ATTEMPTS)
        return situation === 'stale' ? null : situation;
      snapshot = await this.world.reload(manager);
    }
  }

  async knows(manager: EntityManager, environmentId: string): Promise<boolean> {
    return (await this.world.snapshot(manager)).graph.find(environmentId) !== undefined;
  }

  private async loadWith(
    { revision, graph, windows }: WorldSnapshot,
    manager: EntityManager,
    candidate: Candidate,
    span: Interval,
    budget: WorkBudget | undefined,
  ): Promise<Situation | null | 'stale'> {
    const target = graph.find(candidate.environmentId);
    if (!target) return null;
    const related = graph.neighboursOf(target.id);
    const environments = [target, ...related];
    const [row] = (await this.query(manager, [
      environments.map((environment) => environment.id),
      span.start.toISOString(),
      span.end.toISOString(),
      candidate.intentId ?? null,
      candidate.source?.environmentId ?? null,
      candidate.source?.snapshot ?? null,
    ])) as SituationRow[];
    if (row.revision !== revision) return 'stale';
    const now = this.clock.now();

    const intents = row.intents.map((intent) => toOtherIntent(toIntentWindow(withDates(intent)), graph));
    const occurrences: WindowOccurrence[] = [];
    for (const window of windows.reaching(span, environments))
      occurrences.push(...(await occurrencesOfWindow(window, span, environments, budget)));
    const ownMaintenance = await occurrencesOfOwnMaintenance(target, span, budget);
    return {
      span,
      target: { id: target.id, key: target.key, tier: target.tier, timezone: target.timezone },
      related,
      intents,
      bookings: row.bookings.map((booking) => toBookingFact(withDates(booking))),
      blackouts: occurrences.filter((occurrence) => occurrence.kind === 'BLACKOUT'),
      maintenance: [
        ...occurrences.filter((o) => o.kind === 'MAINTENANCE' && o.coveredEnvironmentIds.includes(target.id)),
        ...ownMaintenance,
      ],
      targetHasMaintenanceWindows:
        windows.hasMaintenanceInForce(target, now) ||
        hasOwnMaintenanceInForce(target.maintenanceWindows, now),
      environmentKeys: keysNamedBy(graph, intents, candidate),
    };
  }

  /**
   * Prepared (named) on whichever connection runs it: planning costs more than running it. Inside
   * a transaction it runs on the transaction's own connection, so a recomputation sees what that
   * transaction wrote.
   */
  private query(manager: EntityManager, values: unknown[]): Promise<unknown[]> {
    return queryPrepared(manager, SITUATION_SQL, values);
  }
}

const INSTANT_COLUMNS = new Set(['start', 'end']);

function withDates<TRow>(row: Json<TRow>): TRow {
  const converted: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const column of INSTANT_COLUMNS) {
    const value = converted[column];
    if (typeof value === 'string') converted[column] = new Date(value);
  }
  return converted as TRow;
}

/** Keys of the other intents' environments and sources, which explanations name. */
function keysNamedBy(
  graph: EnvironmentGraph,
  intents: OtherIntent[],
  candidate: Candidate,
): Record<string, string> {
  const ids = [
    ...intents.flatMap((intent) => [intent.environmentId, intent.source?.environmentId]),
    candidate.source?.environmentId,
  ];
  const keys: Record<string, string> = {};
  for (const id of ids) {
    const key = id === undefined ? undefined : graph.keyOf(id);
    if (id !== undefined && key !== undefined) keys[id] = key;
  }
  return keys;
}

function toOtherIntent(intent: IntentWindow, graph: EnvironmentGraph): OtherIntent {
  return {
    id: intent.intentId,
    environmentId: intent.environmentId,
    status: intent.status,
    refreshType: intent.refreshType,
    window: { start: intent.start, end: intent.end },
    ...(intent.source ? { source: intent.source } : {}),
    requestedBy: intent.requestedBy,
    audience: {
      requestedBySub: intent.requestedBy,
      notificationGroups: intent.notificationGroups,
      environmentOwnerGroup: graph.find(intent.environmentId)?.ownerGroup ?? null,
    },
  };
}

function toBookingFact(row: BookingClaimRow): BookingFact {
  return {
    id: row.id,
    environmentId: row.environment_id,
    window: { start: row.start, end: row.end },
    group: row.group_key,
    purpose: row.purpose,
    priority: row.priority,
  };
}
