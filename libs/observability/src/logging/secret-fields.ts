export const REDACTION_CENSOR = '[redacted]';

/**
 * A field holds a secret when its name contains one of these, in any case: `password`,
 * `clientSecret`, `accessToken`, `tokenHash`, `x-api-key`, `Authorization`, `set-cookie`. Wide on
 * purpose (a `tokenCount` is censored too): a log line that says too little is a smaller harm
 * than one that leaks. One rule for the log lines and the security trail alike.
 */
const SECRET_NAME =
  /pass(word|wd|phrase)|secret|token|api[-_]?key|authori[sz]ation|cookie|credential|jwt|bearer/i;

export function isSecretField(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Deeper than any body the gateway accepts (input-rules' nesting limit is 8). */
const MAX_SCRUB_DEPTH = 10;

/**
 * `value` with every secret-named field, at any depth, replaced by the censor. Copies only the
 * objects on the way to a secret and returns the very same value when there is none, so the
 * usual log line (no secret anywhere) costs a walk and no allocation. Objects with a `toJSON`
 * (dates, buffers) are written by it and kept; anything nested deeper than the limit is censored
 * whole, as a cycle would be.
 */
export function scrubSecretFields<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  if (depth > MAX_SCRUB_DEPTH) return REDACTION_CENSOR as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const scrubbed = scrubSecretFields(item, depth + 1);
      if (scrubbed !== item) (copy ??= value.slice())[index] = scrubbed;
    }
    return (copy ?? value) as T;
  }
  return scrubRecord(value as Record<string, unknown>, depth) as T;
}

/**
 * The fields of `record` scrubbed as scrubSecretFields does, except those named in `kept`, which
 * are left as they are (for a caller that scrubs them otherwise).
 */
export function scrubRecord(
  record: Record<string, unknown>,
  depth = 0,
  kept?: ReadonlySet<string>,
): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const field = record[key];
    if (field === undefined || kept?.has(key)) continue;
    const scrubbed = isSecretField(key) ? REDACTION_CENSOR : scrubSecretFields(field, depth + 1);
    // An Error or another class instance is written as its own enumerable fields, so a plain
    // copy of them is what JSON would have written anyway.
    if (scrubbed !== field) (copy ??= { ...record })[key] = scrubbed;
  }
  return copy ?? record;
}
