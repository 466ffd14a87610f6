import type { EnvironmentTier } from '@envrefresh/contracts';
import { WindowRow } from './world-rows';

interface Covered {
  id: string;
  tier: EnvironmentTier;
}

interface Entry {
  row: WindowRow;
  /** Its place in the catalog, so answers come in one order whichever groups they were found in. */
  position: number;
}

/** Windows grouped by how they name what they cover. */
class ScopeGroups {
  private readonly global: Entry[] = [];
  private readonly byEnvironment = new Map<string, Entry[]>();
  private readonly byTier = new Map<EnvironmentTier, Entry[]>();

  add(entry: Entry): void {
    const { scope_environment_ids: ids, scope_tiers: tiers } = entry.row;
    if (ids.length === 0 && tiers.length === 0) this.global.push(entry);
    for (const id of ids) push(this.byEnvironment, id, entry);
    for (const tier of tiers) push(this.byTier, tier, entry);
  }

  /** Each window covering one of `environments` (globally, by id or by tier), once. */
  covering(environments: readonly Covered[]): Set<Entry> {
    const found = new Set<Entry>(this.global);
    for (const { id, tier } of environments) {
      for (const entry of this.byEnvironment.get(id) ?? []) found.add(entry);
      for (const entry of this.byTier.get(tier) ?? []) found.add(entry);
    }
    return found;
  }
}

/**
 * The `/windows` windows of one catalog snapshot, grouped by scope: an unending recurrence reaches
 * every span, so the scope is what narrows a lookup, and a check reads only the groups of its own
 * environments and tiers instead of testing all windows.
 */
export class WindowIndex {
  private readonly all = new ScopeGroups();
  private readonly maintenance = new ScopeGroups();

  constructor(rows: readonly WindowRow[]) {
    rows.forEach((row, position) => {
      const entry = { row, position };
      this.all.add(entry);
      if (row.kind === 'MAINTENANCE') this.maintenance.add(entry);
    });
  }

  /**
   * Windows whose reach overlaps `[span.start, span.end)` and that cover one of `environments`
   * (globally when both scope lists are empty, or by id, or by tier), in catalog order.
   */
  reaching(span: { start: Date; end: Date }, environments: readonly Covered[]): WindowRow[] {
    const start = span.start.getTime();
    const end = span.end.getTime();
    if (start >= end) return [];
    return [...this.all.covering(environments)]
      .filter(
        ({ row }) =>
          row.span_start.getTime() < end && (row.span_end === null || row.span_end.getTime() > start),
      )
      .sort((a, b) => a.position - b.position)
      .map(({ row }) => row);
  }

  /** Whether a maintenance window covering `target` is still in force: it never ends, or ends after `now`. */
  hasMaintenanceInForce(target: Covered, now: Date): boolean {
    const covering = this.maintenance.covering([target]);
    for (const { row } of covering) if (row.span_end === null || row.span_end > now) return true;
    return false;
  }
}

function push<TKey>(groups: Map<TKey, Entry[]>, key: TKey, entry: Entry): void {
  const group = groups.get(key);
  if (group) group.push(entry);
  else groups.set(key, [entry]);
}
