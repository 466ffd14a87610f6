/** A field-level validation failure, as in the REST API's problem `errors`. */
export interface ProblemFieldError {
  field: string;
  message: string;
}

/**
 * An RFC 9457 problem travelling back over RPC, so the gateway can answer with the status and body
 * the service meant instead of a generic 500.
 */
export interface RemoteProblem {
  status: number;
  type: string;
  title: string;
  detail?: string;
  /** Stable domain error code, e.g. INTENT.INVALID_TRANSITION. */
  code?: string;
  errors?: ProblemFieldError[];
  /** For a refused state transition (409): the actions the intent allows in its current status. */
  allowedActions?: string[];
}

export function isRemoteProblem(value: unknown): value is RemoteProblem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    Number.isInteger(candidate.status) &&
    (candidate.status as number) >= 400 &&
    (candidate.status as number) <= 599 &&
    typeof candidate.type === 'string' &&
    typeof candidate.title === 'string' &&
    isOptional(candidate.detail, isString) &&
    isOptional(candidate.code, isString) &&
    isOptional(candidate.errors, (errors) => Array.isArray(errors) && errors.every(isFieldError)) &&
    isOptional(candidate.allowedActions, (actions) => Array.isArray(actions) && actions.every(isString))
  );
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isOptional(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

function isFieldError(value: unknown): value is ProblemFieldError {
  if (typeof value !== 'object' || value === null) return false;
  const { field, message } = value as Record<string, unknown>;
  return isString(field) && isString(message);
}
