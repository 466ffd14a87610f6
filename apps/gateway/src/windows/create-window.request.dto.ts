import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NAME_MAX_LENGTH } from '@envrefresh/kernel';
import { ENVIRONMENT_TIERS, EnvironmentTier, WINDOW_KINDS, WindowKind } from '@envrefresh/contracts';
import { WindowTimingDto } from '../common/window-timing.dto';
import { Optional } from '../http/validation/optional.decorator';
import { Trim } from '../http/validation/trim.decorator';

/** Which environments a window covers: those listed, those of the tiers listed, or (empty) all. */
export class WindowScopeDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'These environments' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID(undefined, { each: true, message: 'each of $property must be a UUID' })
  environmentIds?: string[];

  @ApiPropertyOptional({ enum: ENVIRONMENT_TIERS, isArray: true, example: ['UAT', 'STAGING'] })
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ENVIRONMENT_TIERS, {
    each: true,
    message: `each of $property must be one of ${ENVIRONMENT_TIERS.join(', ')}`,
  })
  tiers?: EnvironmentTier[];
}

/**
 * `POST /windows`: a blackout or maintenance window, one-off `{start, end}` or recurring
 * `{rrule, duration, timezone, startsAt, until?}`.
 */
export class CreateWindowRequestDto extends WindowTimingDto {
  @ApiProperty({
    enum: WINDOW_KINDS,
    description:
      'BLACKOUT: no refresh may overlap it (BLOCKING). MAINTENANCE: refreshes belong inside one (WARNING otherwise)',
  })
  @IsIn(WINDOW_KINDS)
  kind: WindowKind;

  @ApiProperty({ example: 'Quarter-end close', maxLength: NAME_MAX_LENGTH })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX_LENGTH)
  name: string;

  @ApiPropertyOptional({
    type: WindowScopeDto,
    description:
      'Environments by id and tiers it covers (either matches); absent or empty: every environment',
  })
  @Optional()
  @ValidateNested()
  @Type(() => WindowScopeDto)
  scope?: WindowScopeDto;
}
