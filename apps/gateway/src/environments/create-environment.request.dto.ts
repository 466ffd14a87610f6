import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  IsTimeZone,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { GROUP_KEY_PATTERN, NAME_MAX_LENGTH } from '@envrefresh/kernel';
import { ENVIRONMENT_TIERS, EnvironmentTier } from '@envrefresh/contracts';
import { ENVIRONMENT_KEY, ISO_DURATION } from '../http/validation/patterns';
import { MaintenanceWindowDto } from './maintenance-window.dto';
import { Optional } from '../http/validation/optional.decorator';

const KEY_MESSAGE =
  '$property must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit';

/** What an environment may change after creation: everything but its key. */
export class EnvironmentSettingsDto {
  @ApiProperty({ example: 'Payments UAT' })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX_LENGTH)
  name: string;

  @ApiProperty({ enum: ENVIRONMENT_TIERS, example: 'UAT' })
  @IsIn(ENVIRONMENT_TIERS)
  tier: EnvironmentTier;

  @ApiProperty({ example: 'payments', description: 'Group (JWT groups claim) that owns the environment' })
  @Matches(GROUP_KEY_PATTERN, { message: '$property must be a group key' })
  ownerGroup: string;

  @ApiPropertyOptional({ type: [String], example: ['uat-ledger'], description: 'Keys it depends on' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(ENVIRONMENT_KEY, { each: true, message: 'each of $property must be an environment key' })
  dependsOn?: string[];

  @ApiPropertyOptional({ type: [MaintenanceWindowDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MaintenanceWindowDto)
  maintenanceWindows?: MaintenanceWindowDto[];

  @ApiPropertyOptional({ default: true, description: 'false: a submitted intent is approved automatically' })
  @Optional()
  @IsBoolean()
  requiresApproval?: boolean;

  @ApiPropertyOptional({ example: 'Europe/Paris', description: 'IANA timezone' })
  @Optional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['P7D', 'P1D', 'PT1H'],
    description: 'Reminder lead times before plannedStart (default P7D, P1D, PT1H)',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(ISO_DURATION, { each: true, message: 'each of $property must be an ISO-8601 duration' })
  reminderLeadTimes?: string[];

  @ApiPropertyOptional({
    example: 'PT30M',
    description:
      'How long after plannedEnd a refresh still IN_PROGRESS counts as overrunning (`schedule.overrun`), or one never started as missed (`schedule.start_missed`); default PT30M',
  })
  @Optional()
  @Matches(ISO_DURATION, { message: '$property must be an ISO-8601 duration' })
  overrunGrace?: string;
}

export class CreateEnvironmentRequestDto extends EnvironmentSettingsDto {
  @ApiProperty({ example: 'uat-payments', pattern: ENVIRONMENT_KEY.source })
  @Matches(ENVIRONMENT_KEY, { message: KEY_MESSAGE })
  key: string;
}
