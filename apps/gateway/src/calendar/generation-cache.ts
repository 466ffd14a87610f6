/**
 * How long a kept answer may be reused while the calendar's projection stays at its generation.
 * A feed's range moves with the clock (a month back, half a year ahead), and a projection
 * restored from a backup could count the same generation again: past this age an answer is made
 * afresh even when nothing changed.
 */
export const CALENDAR_REUSE_MAX_AGE_MS = 60_000;

export interface KeptAnswer<TValue> {
  generation: number;
  value: TValue;
}

interface Entry<TValue> extends KeptAnswer<TValue> {
  bytes: number;
  keptAt: number;
}

/**
 * Answers the gateway made from the scheduling service's calendar, each with the projection
 * generation it was made from (ADR 0020), at most `maxBytes` together, the least recently used
 * dropped first. The gateway still asks on every request, naming the generation it has; the
 * service checks the caller and says `unchanged`, or sends what changed.
 */
export class GenerationCache<TValue> {
  private readonly kept = new Map<string, Entry<TValue>>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly maxAgeMs = CALENDAR_REUSE_MAX_AGE_MS,
  ) {}

  /** What is kept for this key, while it is young enough to be reused. */
  reusable(key: string, now: number): KeptAnswer<TValue> | undefined {
    const entry = this.kept.get(key);
    if (!entry) return undefined;
    if (now - entry.keptAt >= this.maxAgeMs) {
      this.forget(key);
      return undefined;
    }
    this.kept.delete(key);
    this.kept.set(key, entry);
    return entry;
  }

  keep(key: string, answer: KeptAnswer<TValue>, bytes: number, now: number): void {
    this.forget(key);
    if (bytes > this.maxBytes) return;
    this.kept.set(key, { ...answer, bytes, keptAt: now });
    this.bytes += bytes;
    for (const [oldest, entry] of this.kept) {
      if (this.bytes <= this.maxBytes) break;
      this.kept.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  forget(key: string): void {
    const entry = this.kept.get(key);
    if (!entry) return;
    this.kept.delete(key);
    this.bytes -= entry.bytes;
  }
}
