import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { NAME_MAX_LENGTH } from '@envrefresh/kernel';
import { MaintenanceWindow } from '@envrefresh/contracts';
import { WindowTimingDto, asWindowTiming } from '../common/window-timing.dto';
import { Optional } from '../http/validation/optional.decorator';

/** One-off `{start, end}` or recurring `{rrule, duration, timezone, startsAt, until?}`, optionally named. */
export class MaintenanceWindowDto extends WindowTimingDto {
  @ApiPropertyOptional({ example: 'Weekend nights' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX_LENGTH)
  name?: string;
}

export function asMaintenanceWindows(
  windows: MaintenanceWindowDto[] | undefined,
): MaintenanceWindow[] | undefined {
  return windows?.map((window): MaintenanceWindow => asWindowTiming(window));
}
