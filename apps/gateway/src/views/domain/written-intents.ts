import { MAX_WRITTEN_INTENTS } from '@envrefresh/contracts';

/**
 * How long an intent write is named to the calendar. Its event reaches the scheduling service
 * within tens of milliseconds, seconds when a relay or consumer is backed up; past this age the
 * calendar is taken to have it from the event (ADR 0035).
 */
export const WRITTEN_INTENTS_HORIZON_MS = 60_000;

export interface WrittenIntent {
  id: string;
  version: number;
}

/**
 * The intent writes answered 2xx lately, by this replica or a peer (they arrive with the views
 * barrier, before the write's answer leaves): what a calendar question must make the scheduling
 * service show first. A write is forgotten once a calendar answer confirmed it, or past the
 * horizon; at most `max` are kept, the oldest dropped first.
 */
export class WrittenIntents {
  /** By id, oldest write first (a rewrite moves to the end). */
  private readonly written = new Map<string, { version: number; at: number }>();

  constructor(
    private readonly horizonMs = WRITTEN_INTENTS_HORIZON_MS,
    private readonly max = MAX_WRITTEN_INTENTS,
  ) {}

  record(intents: readonly { id: string; version?: number }[], now: number): void {
    for (const { id, version } of intents) {
      if (version === undefined) continue;
      const known = this.written.get(id);
      this.written.delete(id);
      this.written.set(id, { version: Math.max(version, known?.version ?? version), at: now });
    }
    for (const oldest of this.written.keys()) {
      if (this.written.size <= this.max) break;
      this.written.delete(oldest);
    }
  }

  /** What the calendar must show before it answers: the writes within the horizon. */
  pending(now: number): WrittenIntent[] {
    for (const [id, { at }] of this.written) {
      if (now - at < this.horizonMs) break;
      this.written.delete(id);
    }
    return [...this.written].map(([id, { version }]) => ({ id, version }));
  }

  /**
   * Asks the calendar with the pending writes named (none: nothing added to the question), and
   * forgets them once it answered, since it answers only once it shows them.
   */
  async naming<T>(ask: (named: { writtenIntents?: WrittenIntent[] }) => Promise<T>, now: number): Promise<T> {
    const pending = this.pending(now);
    const answer = await ask(pending.length > 0 ? { writtenIntents: pending } : {});
    this.confirmed(pending);
    return answer;
  }

  /** The calendar answered with these shown: forget each, unless it was written again since. */
  confirmed(intents: readonly WrittenIntent[]): void {
    for (const { id, version } of intents) {
      const known = this.written.get(id);
      if (known && known.version <= version) this.written.delete(id);
    }
  }
}
