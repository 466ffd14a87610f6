import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsTimeZone, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { MaintenanceWindow } from '@envrefresh/contracts';
import { ForbiddenWhen } from '../http/validation/forbidden-when.decorator';
import { IsInstant } from '../http/validation/is-instant.decorator';
import { ISO_DURATION } from '../http/validation/patterns';
import { Optional } from '../http/validation/optional.decorator';

type Timing = Partial<Record<'start' | 'end' | 'rrule' | 'duration' | 'timezone' | 'startsAt', unknown>>;

const isRecurring = (window: object) => {
  const timing = window as Timing;
  return timing.rrule !== undefined || timing.duration !== undefined || timing.startsAt !== undefined;
};
const isOneOff = (window: object) => !isRecurring(window);
const ONE_FORM = 'a window is either one-off (start, end) or recurring (rrule, duration, timezone, startsAt)';

/** One-off `{start, end}` or recurring `{rrule, duration, timezone, startsAt, until?}`, optionally named. */
export class MaintenanceWindowDto {
  @ApiPropertyOptional({ example: 'Weekend nights' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '2026-12-05T22:00:00+01:00', description: 'One-off: first instant' })
  @ValidateIf((window: object) => isOneOff(window) || (window as Timing).start !== undefined)
  @ForbiddenWhen(isRecurring, `$property: ${ONE_FORM}`)
  @IsInstant()
  start?: string;

  @ApiPropertyOptional({ example: '2026-12-06T06:00:00+01:00', description: 'One-off: end, exclusive' })
  @ValidateIf((window: object) => isOneOff(window) || (window as Timing).end !== undefined)
  @ForbiddenWhen(isRecurring, `$property: ${ONE_FORM}`)
  @IsInstant()
  end?: string;

  @ApiPropertyOptional({ example: 'FREQ=WEEKLY;BYDAY=SA,SU', description: 'Recurring: RFC 5545 RRULE' })
  @ValidateIf(isRecurring)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  rrule?: string;

  @ApiPropertyOptional({ example: 'PT8H', description: 'Recurring: ISO-8601 duration of each occurrence' })
  @ValidateIf(isRecurring)
  @Matches(ISO_DURATION, { message: '$property must be an ISO-8601 duration, e.g. PT8H' })
  duration?: string;

  @ApiPropertyOptional({ example: 'Europe/Paris', description: 'Recurring: IANA timezone the rule runs in' })
  @ValidateIf(isRecurring)
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
  until?: string;
}

/** After validation each window is exactly one of the two forms the contract names. */
export function asMaintenanceWindows(
  windows: MaintenanceWindowDto[] | undefined,
): MaintenanceWindow[] | undefined {
  return windows as MaintenanceWindow[] | undefined;
}
