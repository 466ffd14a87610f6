import { Problems } from './domain-error';

// Each rule on what callers send is written once here, and read by the gateway's DTOs (and so the
// OpenAPI document), the services' domains and their queries, so that no layer is looser than
// another and an error names the same limit wherever it is found.

/**
 * A group key, as groups appear in the JWT `groups` claim: a letter or digit, then letters,
 * digits and `. _ : @ / -`, at most 100 characters in all.
 */
export const GROUP_KEY_MAX_LENGTH = 100;
export const GROUP_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,99}$/;
export const GROUP_KEY_RULE = `a group key (a letter or digit, then letters, digits and . _ : @ / -; at most ${GROUP_KEY_MAX_LENGTH} characters)`;

export function isGroupKey(value: unknown): value is string {
  return typeof value === 'string' && GROUP_KEY_PATTERN.test(value);
}

/** The group key `value` names, spaces around it dropped; undefined when it names none. */
export function groupKeyOf(value: unknown): string | undefined {
  const key = typeof value === 'string' ? value.trim() : value;
  return isGroupKey(key) ? key : undefined;
}

/** The groups an intent notifies, beside its environment's owner group. */
export const MAX_NOTIFICATION_GROUPS = 50;
/** A refresh intent's reason. */
export const REASON_MAX_LENGTH = 2000;
/** Notes on an intent's transition or on a decision about a conflict. */
export const NOTES_MAX_LENGTH = 2000;
/** Why an approver overrides a BLOCKING conflict: enough to be read back later. */
export const JUSTIFICATION_LENGTH = { min: 10, max: 2000 } as const;
/** The name of an environment, a window or a maintenance window. */
export const NAME_MAX_LENGTH = 200;
/** What a booking is for. */
export const PURPOSE_MAX_LENGTH = 500;
/** The named snapshot or backup a copy is made from. */
export const SNAPSHOT_MAX_LENGTH = 200;

/** Anything but a JSON object is one problem, on `body`: its fields cannot be named. */
export function objectOf(input: unknown, problems: Problems): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.add('body', 'must be a JSON object');
    return {};
  }
  return input as Record<string, unknown>;
}
