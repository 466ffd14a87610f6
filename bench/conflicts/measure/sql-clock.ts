import type { EntityManager } from 'typeorm';
import { nowMs } from '../../support/latency';

/**
 * Wall-clock time during which at least one SQL statement of an EntityManager was in flight, and
 * each statement's own time by name. Statements the loader sends in parallel count once in the
 * wall-clock total, so what is left of an operation's time is Node's: mapping rows, expanding
 * recurrences, evaluating rules.
 */
export class SqlClock {
  private inFlight = 0;
  private since = 0;
  private spentMs = 0;
  /** Per statement name: total milliseconds and how many ran. */
  readonly statements = new Map<string, { totalMs: number; count: number }>();

  constructor(private readonly nameOf: (sql: string) => string) {}

  /** The same manager, every `query` timed. */
  wrap(manager: EntityManager): EntityManager {
    return new Proxy(manager, {
      get: (target, property, receiver) => {
        if (property !== 'query') return Reflect.get(target, property, receiver);
        return (sql: string, parameters?: unknown[]) =>
          this.around(this.nameOf(sql), () => target.query(sql, parameters));
      },
    });
  }

  /** Milliseconds with SQL in flight since the last call. */
  take(): number {
    const spent = this.spentMs;
    this.spentMs = 0;
    return spent;
  }

  private async around<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = nowMs();
    if (this.inFlight++ === 0) this.since = started;
    try {
      return await work();
    } finally {
      const ended = nowMs();
      if (--this.inFlight === 0) this.spentMs += ended - this.since;
      const entry = this.statements.get(name) ?? { totalMs: 0, count: 0 };
      entry.totalMs += ended - started;
      entry.count += 1;
      this.statements.set(name, entry);
    }
  }
}
