import { applyDecorators } from '@nestjs/common';
import { Matches } from 'class-validator';
import { ISO_DURATION } from './patterns';

/** Some component other than zero: PT0H is well formed but asks for nothing. */
const NOT_ZERO = /[1-9]/;

/** A positive ISO-8601 duration such as PT4H or P1DT12H. */
export const IsIsoDuration = (example = 'PT4H') =>
  applyDecorators(
    Matches(ISO_DURATION, { message: `$property must be an ISO-8601 duration, e.g. ${example}` }),
    Matches(NOT_ZERO, { message: '$property must be longer than zero' }),
  );
