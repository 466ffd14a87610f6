import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsTimeZone, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { WindowTiming } from '@envrefresh/contracts';
import { ForbiddenWhen } from '../http/validation/forbidden-when.decorator';
import { IsAfter } from '../http/validation/is-after.decorator';
import { IsInstant } from '../http/validation/is-instant.decorator';
import { IsIsoDuration } from '../http/validation/is-iso-duration.decorator';
import { Optional } from '../http/validation/optional.decorator';

type Timing = Partial<Record<keyof WindowTimingDto, unknown>>;

/** rrule, duration or startsAt make a window recurring; without any of them it is one-off. */
const isRecurring = (window: object) => {
  const timing = window as Timing;
  return timing.rrule !== undefined || timing.duration !== undefined || timing.startsAt !== undefined;
};
const isOneOff = (window: object) => !isRecurring(window);
/** A field of the other form, when sent, is validated so that it can be refused by name. */
const sent = (field: keyof WindowTimingDto) => (window: object) => (window as Timing)[field] !== undefined;

const ONE_FORM = 'a window is either one-off (start, end) or recurring (rrule, duration, timezone, startsAt)';

/**
 * The timing of a window, exactly one of the two forms of the contract's `WindowTiming`: one-off
 * `{start, end}` or recurring `{rrule, duration, timezone, startsAt, until?}`. The gateway checks
 * the shape; whether the RRULE parses and what it means is the owning service's to judge.
 */
export class WindowTimingDto {
  @ApiPropertyOptional({ example: '2026-12-05T22:00:00+01:00', description: 'One-off: first instant' })
  @ValidateIf((window: object) => isOneOff(window) || sent('start')(window))
  @ForbiddenWhen(isRecurring, `$property: ${ONE_FORM}`)
  @IsInstant()
  start?: string;

  @ApiPropertyOptional({ example: '2026-12-06T06:00:00+01:00', description: 'One-off: end, exclusive' })
  @ValidateIf((window: object) => isOneOff(window) || sent('end')(window))
  @ForbiddenWhen(isRecurring, `$property: ${ONE_FORM}`)
  @IsInstant()
  @IsAfter('start')
  end?: string;

  @ApiPropertyOptional({ example: 'FREQ=WEEKLY;BYDAY=SA,SU', description: 'Recurring: RFC 5545 RRULE' })
  @ValidateIf(isRecurring)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  rrule?: string;

  @ApiPropertyOptional({ example: 'PT8H', description: 'Recurring: ISO-8601 duration of each occurrence' })
  @ValidateIf(isRecurring)
  @IsIsoDuration('PT8H')
  duration?: string;

  @ApiPropertyOptional({ example: 'Europe/Paris', description: 'Recurring: IANA timezone the rule runs in' })
  @ValidateIf((window: object) => isRecurring(window) || sent('timezone')(window))
  @ForbiddenWhen(isOneOff, `$property: ${ONE_FORM}`)
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: '2026-01-03T22:00:00+01:00', description: 'Recurring: first occurrence' })
  @ValidateIf(isRecurring)
  @IsInstant()
  startsAt?: string;

  @ApiPropertyOptional({
    example: '2027-01-01T00:00:00Z',
    description: 'Recurring: no occurrence after this',
  })
  @Optional()
  @ForbiddenWhen(isOneOff, `$property: ${ONE_FORM}`)
  @IsInstant()
  @IsAfter('startsAt')
  until?: string;
}

/** After validation the DTO holds exactly one of the two forms the contract names. */
export function asWindowTiming<TWindow extends WindowTimingDto>(
  window: TWindow,
): Omit<TWindow, keyof WindowTimingDto> & WindowTiming {
  return window as unknown as Omit<TWindow, keyof WindowTimingDto> & WindowTiming;
}
