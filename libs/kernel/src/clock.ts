/**
 * What time it is, for every business decision (a createdAt, an expiry, "is this window past").
 * An abstract class rather than an interface so that it is its own injection token: use cases ask
 * for `Clock` by type. Log timestamps, durations and timeouts keep using the process's own time.
 */
export abstract class Clock {
  abstract now(): Date;
}

/** The machine's time, shifted by `offsetMs` (0 in production; see ClockModule for how it is set). */
export class SystemClock extends Clock {
  constructor(readonly offsetMs = 0) {
    super();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** A clock that moves only when told to: for unit tests of time-dependent rules. */
export class ManualClock extends Clock {
  private current: number;

  constructor(start: Date | string = '2026-01-01T00:00:00Z') {
    super();
    this.current = new Date(start).getTime();
    if (Number.isNaN(this.current)) throw new Error(`ManualClock: not a date: ${String(start)}`);
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
}
