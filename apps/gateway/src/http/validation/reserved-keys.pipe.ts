import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldError, RequestValidationException } from '../validation-errors';

/**
 * Names that reach into an object's prototype chain in JavaScript: `prototype`, and every member
 * of Object.prototype (`__proto__`, `constructor`, `toString`, `valueOf`, `hasOwnProperty`…).
 * class-transformer and the whitelist mistake the latter for declared members, so they would pass.
 */
const RESERVED = new Set(['prototype', ...Object.getOwnPropertyNames(Object.prototype)]);
const MAX_DEPTH = 32;

/**
 * Refuses bodies and query strings that carry such a name as a key at any depth. The whitelist
 * never sees them as unknown and the rest of the request would go through; a client sending them
 * is probing, not mistaken.
 */
@Injectable()
export class ReservedKeysPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    const found = reservedKeyErrors(value);
    if (found.length > 0) throw new RequestValidationException(found);
    return value;
  }
}

/** Each member of `value` (at any depth) named with a reserved name, as the field error it is. */
export function reservedKeyErrors(value: unknown): FieldError[] {
  return reservedKeyPaths(value, '', 0).map((field) => ({ field, message: 'is not a known field' }));
}

function reservedKeyPaths(value: unknown, parent: string, depth: number): string[] {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return [];
  return Object.keys(value).flatMap((key) => {
    // By depth, not by an empty parent: a member named "" is a parent like any other.
    const path = depth === 0 ? key : `${parent}.${key}`;
    if (RESERVED.has(key)) return [path];
    return reservedKeyPaths((value as Record<string, unknown>)[key], path, depth + 1);
  });
}
