export interface FieldProblem {
  field: string;
  message: string;
}

/** The request describes an intent that cannot exist; each problem names its field. */
export class InvalidIntentError extends Error {
  readonly code = 'INTENT.INVALID';

  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
    this.name = 'InvalidIntentError';
  }
}
