import { DomainError } from './domain-error';

/**
 * How much one request may make a service compute. Expanding recurring windows is what costs:
 * an hourly window over a year is 8,784 occurrences, and a search or a calendar answer that walks
 * them all holds the event loop for everyone else. The limits are generous for any plan a person
 * makes (every occurrence of a dozen daily windows over a year, or an hourly one over 200 days)
 * and refuse, with the reason, what only a probe or a mistake asks for.
 */
export const WORK_LIMITS = {
  /** Window occurrences one request may expand, all windows together. */
  occurrences: 5_000,
  /** Milliseconds of computing one request may take, time spent yielded to others not counted. */
  workMs: 1_000,
} as const;

export type WorkLimits = { readonly [K in keyof typeof WORK_LIMITS]: number };

/** Stable code of a refusal for asking more work than one request may take (422). */
export const TOO_MUCH_WORK = 'REQUEST.TOO_MUCH_WORK';

/** What the budget is spent on, for the refusal: the subject and how to ask for less. */
export interface WorkSubject {
  /** e.g. "the slot search from 2027-01-01T00:00:00.000Z to 2028-01-01T00:00:00.000Z" */
  what: string;
  /** e.g. "narrow from and to" */
  remedy: string;
}

/**
 * One request's allowance of work. Callers spend occurrences as they expand them and check the
 * clock in their loops; past a limit it throws a 422 DomainError saying which limit and how to
 * ask for less. `breathe()` yields the event loop between steps, so other requests run while a
 * heavy one works; the time it waits does not count against it.
 */
export class WorkBudget {
  private occurrences = 0;
  private workedMs = 0;
  /** When the current stretch of work began; undefined while yielded. */
  private since: number | undefined;

  constructor(
    private readonly subject: WorkSubject,
    private readonly limits: WorkLimits = WORK_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  spendOccurrences(count: number): void {
    this.occurrences += count;
    if (this.occurrences > this.limits.occurrences) {
      throw new DomainError(
        'unprocessable',
        TOO_MUCH_WORK,
        `${this.subject.what} would expand more than ${this.limits.occurrences} window occurrences; ${this.subject.remedy}`,
      );
    }
    this.checkTime();
  }

  checkTime(): void {
    const now = this.now();
    this.since ??= now;
    if (this.workedMs + (now - this.since) > this.limits.workMs) {
      throw new DomainError(
        'unprocessable',
        TOO_MUCH_WORK,
        `${this.subject.what} takes more than ${this.limits.workMs} ms of work; ${this.subject.remedy}`,
      );
    }
  }

  /** Lets whatever else waits on the event loop run before the next step of this request. */
  async breathe(): Promise<void> {
    if (this.since !== undefined) this.workedMs += this.now() - this.since;
    this.since = undefined;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
