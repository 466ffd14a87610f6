import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches, isISO8601 } from 'class-validator';

const WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

/** Is this an ISO-8601 date-time that names an instant, i.e. one that carries its UTC offset? */
export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && isISO8601(value, { strict: true }) && WITH_OFFSET.test(value);
}

/** An ISO-8601 date-time that names an instant: it must carry its UTC offset. */
export const IsInstant = () =>
  applyDecorators(
    IsISO8601({ strict: true }, { message: '$property must be an ISO-8601 date-time' }),
    Matches(WITH_OFFSET, { message: '$property must carry a UTC offset, e.g. +01:00 or Z' }),
  );
