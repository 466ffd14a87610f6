/** What went wrong, in the domain's words; the interface layer turns each kind into a status. */
export type DomainErrorKind =
  | 'invalid'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'unprocessable'
  /** A fact the rule needs could not be established now (another service did not answer): 503. */
  | 'unavailable';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface DomainErrorDetails {
  problems?: FieldProblem[];
  allowedActions?: string[];
  blockingConflictIds?: string[];
  /** BLOCKING findings between now and plannedStart, for a refresh started early (not stored conflicts). */
  blockingFindings?: string[];
  /** When a refresh may start at the earliest. */
  earliestStart?: string;
  /** For a refusal that is only "not now" (503): how long a client waits before sending it again. */
  retryAfterSeconds?: number;
}

/**
 * Every refusal of this service carries a stable `code` (e.g. INTENT.STALE_VERSION) that clients
 * may branch on; the message is for people and may change.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The request names things that cannot be; each problem names its field. */
export class ValidationError extends DomainError {
  constructor(code: string, problems: FieldProblem[]) {
    super('invalid', code, problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '), {
      problems,
    });
    this.name = 'ValidationError';
  }

  get problems(): FieldProblem[] {
    return this.details.problems ?? [];
  }
}

/** Collects field problems and throws them together, so a caller learns every mistake at once. */
export class Problems {
  private readonly list: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(code: string): void {
    if (this.list.length > 0) throw new ValidationError(code, [...this.list]);
  }
}
