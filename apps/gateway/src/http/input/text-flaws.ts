import { FieldError } from '../validation-errors';

/**
 * How deeply a request body may nest objects and arrays: the body itself is level 1. The deepest
 * body the API takes is 3 levels (`POST /windows` `{ scope: { environmentIds: [...] } }`,
 * `maintenanceWindows: [{ ... }]`), so 8 leaves room to grow and still refuses the thousands of
 * levels that make recursive validators run out of stack.
 */
export const MAX_JSON_DEPTH = 8;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a string cannot be stored or passed on as text, or undefined when it can. Postgres text
 * refuses NUL, and a lone surrogate is no Unicode character at all: JSON encoders, Postgres and
 * the broker each treat it differently, so neither may reach a service.
 */
export function textFlawOf(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode text, without a lone surrogate';
  return undefined;
}

/**
 * Every string (member names included) of a parsed body or query that `flawOf` refuses, and
 * the first place it nests deeper than MAX_JSON_DEPTH, as field errors with dotted paths
 * (`notificationGroups.1`). It never walks below the depth limit, so its own work is bounded.
 */
export function findTextFlaws(value: unknown, flawOf: TextCheck = textFlawOf): FieldError[] {
  const flaws: FieldError[] = [];
  walk(value, '', 0, flawOf, flaws);
  return flaws;
}

/** Why a string is refused, or undefined. */
export type TextCheck = (text: string) => string | undefined;

/** Walks `value`; returns false once it met the depth limit, to stop the whole walk. */
function walk(value: unknown, path: string, depth: number, flawOf: TextCheck, flaws: FieldError[]): boolean {
  if (typeof value === 'string') {
    const message = flawOf(value);
    if (message) flaws.push({ field: path || 'body', message });
    return true;
  }
  if (typeof value !== 'object' || value === null) return true;
  if (depth >= MAX_JSON_DEPTH) {
    flaws.push({
      field: path || 'body',
      message: `nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`,
    });
    return false;
  }
  for (const [key, member] of Object.entries(value)) {
    const keyFlaw = flawOf(key);
    // A path must be printable: such a key is named by its JSON escapes.
    const field = joinPath(path, keyFlaw ? JSON.stringify(key).slice(1, -1) : key, depth);
    if (keyFlaw) flaws.push({ field, message: `as a member name, ${keyFlaw}` });
    if (!walk(member, field, depth + 1, flawOf, flaws)) return false;
  }
  return true;
}

/** By depth, not by an empty parent: a member named "" is a parent like any other. */
function joinPath(parent: string, key: string, depth: number): string {
  return depth === 0 ? key : `${parent}.${key}`;
}
