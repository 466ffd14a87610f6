import { Transform } from 'class-transformer';

/**
 * Leading and trailing whitespace is dropped before the length rules run, so text that is only
 * spaces counts as empty; anything that is not a string is left for the type rule to refuse.
 */
export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
