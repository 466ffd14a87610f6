import type { FreezeView, IntentView } from '@envrefresh/contracts';

/** GATEWAY_VIEWS_MAX_ENTRIES when unset: a few thousand intents and verdicts, a few MB of heap. */
export const DEFAULT_VIEWS_MAX_ENTRIES = 10_000;

/**
 * The longest a freeze verdict is reused, whatever its `stableUntil` says: a bound on what a
 * lost invalidation could cost, and the clock of the machine that computed it may differ.
 */
export const FREEZE_VIEW_MAX_AGE_MS = 30_000;

/** What a change makes stale: some intents (with the version they reached, when known), freeze verdicts. */
export interface Invalidation {
  /** Intents whose view changed; `version` when the change announced the version it reached. */
  intents: { id: string; version?: number }[];
  /** Every intent view (a change of who may see what, such as an environment's owner group). */
  allIntents?: boolean;
  /** Freeze verdicts of these environments, or of all when `'all'`. */
  freeze: 'all' | string[];
}

/** Taken when a read misses, handed back when its answer arrives: see `ViewCache.keepIntent`. */
export interface ReadTicket {
  generation: number;
}

type Entry =
  | { kind: 'intent'; resource: string; value: IntentView }
  | { kind: 'freeze'; resource: string; value: FreezeView; expiresAt: number };

/** The last invalidation of one resource: its generation, and for an intent the highest version announced. */
interface Mark {
  generation: number;
  version?: number;
}

/**
 * Views the gateway answers from memory (ADR 0031): intents and freeze verdicts, each kept per
 * (resource, viewer key) so an answer is only ever served to the kind of viewer it was made for;
 * at most `maxEntries` of them, the least recently used dropped first.
 *
 * The race guard: every invalidation raises a generation and marks the resources it touched. An
 * answer fetched by RPC is kept only when nothing it depends on was invalidated since its read
 * began (and, for an intent, when its version is not behind one announced), so an answer that
 * left the service before a write cannot come to stand for the state after it.
 */
export class ViewCache {
  private readonly entries = new Map<string, Entry>();
  /** resource → keys of its entries, one per viewer. */
  private readonly byResource = new Map<string, Set<string>>();
  private readonly marks = new Map<string, Mark>();
  private generation = 0;
  /**
   * Marks are bounded like the entries; a forgotten mark raises this floor instead, so a read
   * that began before it is never kept.
   */
  private forgottenUpTo = 0;

  constructor(private readonly maxEntries = DEFAULT_VIEWS_MAX_ENTRIES) {}

  get size(): number {
    return this.entries.size;
  }

  beginRead(): ReadTicket {
    return { generation: this.generation };
  }

  intent(intentId: string, viewer: string): IntentView | undefined {
    const entry = this.touch(entryKey(intentResource(intentId), viewer));
    return entry?.kind === 'intent' ? entry.value : undefined;
  }

  keepIntent(ticket: ReadTicket, viewer: string, view: IntentView): boolean {
    const resource = intentResource(view.id);
    const mark = this.marks.get(resource);
    if (mark?.version !== undefined && view.version < mark.version) return false;
    if (!this.unchangedSince(ticket, resource)) return false;
    this.put(entryKey(resource, viewer), { kind: 'intent', resource, value: view });
    return true;
  }

  /** The verdict kept for this environment and viewer, as of `now`; undefined once it may have changed. */
  freeze(environmentId: string, viewer: string, now: number): FreezeView | undefined {
    const key = entryKey(freezeResource(environmentId), viewer);
    const entry = this.touch(key);
    if (entry?.kind !== 'freeze') return undefined;
    if (now >= entry.expiresAt) {
      this.drop(key);
      return undefined;
    }
    return freezeAsOf(entry.value, now);
  }

  /** Keeps a verdict until min(stableUntil, now + FREEZE_VIEW_MAX_AGE_MS). */
  keepFreeze(ticket: ReadTicket, viewer: string, view: FreezeView, now: number): boolean {
    const resource = freezeResource(view.environmentId);
    const stableUntil = Date.parse(view.stableUntil);
    const expiresAt = Math.min(Number.isNaN(stableUntil) ? now : stableUntil, now + FREEZE_VIEW_MAX_AGE_MS);
    if (expiresAt <= now) return false;
    if (!this.unchangedSince(ticket, resource) || !this.unchangedSince(ticket, ALL_FREEZE)) return false;
    this.put(entryKey(resource, viewer), { kind: 'freeze', resource, value: view, expiresAt });
    return true;
  }

  invalidate(invalidation: Invalidation): void {
    this.generation += 1;
    for (const { id, version } of invalidation.intents) {
      const resource = intentResource(id);
      const announced = this.marks.get(resource)?.version;
      this.mark(resource, version === undefined ? announced : Math.max(version, announced ?? version));
      this.dropResource(resource, version);
    }
    if (invalidation.allIntents) {
      this.mark(ALL_INTENTS);
      this.dropKind('intent');
    }
    if (invalidation.freeze === 'all') {
      this.mark(ALL_FREEZE);
      this.dropKind('freeze');
    } else {
      for (const environmentId of invalidation.freeze) {
        const resource = freezeResource(environmentId);
        this.mark(resource);
        this.dropResource(resource);
      }
    }
  }

  /** Everything forgotten, and every read in flight refused: after missed invalidations may have been. */
  clear(): void {
    this.generation += 1;
    this.forgottenUpTo = this.generation;
    this.marks.clear();
    this.entries.clear();
    this.byResource.clear();
  }

  private unchangedSince(ticket: ReadTicket, resource: string): boolean {
    if (this.forgottenUpTo > ticket.generation) return false;
    const all = resource.startsWith('intent:') ? this.marks.get(ALL_INTENTS) : undefined;
    if (all && all.generation > ticket.generation) return false;
    const mark = this.marks.get(resource);
    return !mark || mark.generation <= ticket.generation;
  }

  private mark(resource: string, version?: number): void {
    this.marks.delete(resource);
    this.marks.set(resource, { generation: this.generation, ...(version === undefined ? {} : { version }) });
    while (this.marks.size > this.maxEntries) {
      const [oldest, mark] = this.marks.entries().next().value as [string, Mark];
      this.marks.delete(oldest);
      // Without the mark an older read could be kept, and without its version an older answer.
      this.forgottenUpTo = Math.max(this.forgottenUpTo, mark.generation);
    }
  }

  private touch(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  private put(key: string, entry: Entry): void {
    this.drop(key);
    this.entries.set(key, entry);
    let keys = this.byResource.get(entry.resource);
    if (!keys) this.byResource.set(entry.resource, (keys = new Set()));
    keys.add(key);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    const keys = this.byResource.get(entry.resource);
    keys?.delete(key);
    if (keys?.size === 0) this.byResource.delete(entry.resource);
  }

  /**
   * Drops the resource's entries; with `version`, the intent views behind it only: a view at the
   * version announced already shows the change (an intent's own event, after the write's barrier
   * dropped the older view and a read kept the new one).
   */
  private dropResource(resource: string, version?: number): void {
    const keys = this.byResource.get(resource);
    if (!keys) return;
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (version !== undefined && entry?.kind === 'intent' && entry.value.version >= version) continue;
      this.entries.delete(key);
      keys.delete(key);
    }
    if (keys.size === 0) this.byResource.delete(resource);
  }

  private dropKind(kind: Entry['kind']): void {
    for (const [key, entry] of this.entries) if (entry.kind === kind) this.drop(key);
  }
}

const ALL_INTENTS = 'intents:*';
const ALL_FREEZE = 'freeze:*';

function intentResource(intentId: string): string {
  return `intent:${intentId}`;
}

function freezeResource(environmentId: string): string {
  return `freeze:${environmentId}`;
}

function entryKey(resource: string, viewer: string): string {
  return `${resource}\n${viewer}`;
}

/**
 * A verdict is the same for every instant before its `stableUntil`, and so are its reasons, each
 * of which covers the instant asked about: asked again at `now`, the service would answer this
 * with `at` and the reasons' one-millisecond windows at `now`.
 */
export function freezeAsOf(view: FreezeView, now: number): FreezeView {
  const at = new Date(now).toISOString();
  const end = new Date(now + 1).toISOString();
  return { ...view, at, reasons: view.reasons.map((reason) => ({ ...reason, window: { start: at, end } })) };
}
