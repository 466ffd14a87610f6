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

  /**
   * The same manager, every `query` timed: its own, and the pool's under
   * `manager.connection.driver.master`, which the loader uses for its prepared statement.
   */
  wrap(manager: EntityManager): EntityManager {
    return new Proxy(manager, {
      get: (target, property, receiver) => {
        if (property === 'connection') return this.along(target.connection, ['driver', 'master']);
        if (property !== 'query') return Reflect.get(target, property, receiver);
        return (sql: string, parameters?: unknown[]) =>
          this.around(this.nameOf(sql), () => target.query(sql, parameters));
      },
    });
  }

  /** Follows `path` through proxies to an object whose `query({ text, … })` is timed. */
  private along<T extends object>(object: T, path: string[]): T {
    const [next, ...rest] = path;
    return new Proxy(object, {
      get: (target, property) => {
        const value = Reflect.get(target, property, target) as unknown;
        if (next !== undefined && property === next) return this.along(value as object, rest);
        if (next === undefined && property === 'query' && typeof value === 'function') {
          return (config: { text: string }) =>
            this.around(this.nameOf(config.text), () =>
              (value as (c: unknown) => Promise<unknown>).call(target, config),
            );
        }
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
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
