import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { GROUP_KEY_PATTERN, MAX_NOTIFICATION_GROUPS, REASON_MAX_LENGTH } from '@envrefresh/kernel';
import { REFRESH_TYPES, RefreshType } from '@envrefresh/contracts';
import { IntentSourceDto } from '../common/intent-source.dto';
import { IsInstant } from '../http/validation/is-instant.decorator';
import { Optional } from '../http/validation/optional.decorator';

export class CreateIntentRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  environmentId: string;

  @ApiProperty({ enum: REFRESH_TYPES })
  @IsIn(REFRESH_TYPES)
  refreshType: RefreshType;

  @ApiProperty({ example: '2026-12-01T22:00:00+01:00' })
  @IsInstant()
  plannedStart: string;

  @ApiProperty({ example: '2026-12-02T02:00:00+01:00' })
  @IsInstant()
  plannedEnd: string;

  @ApiProperty({ example: 'Refresh UAT with masked production data for release 42' })
  @IsString()
  @MinLength(1)
  @MaxLength(REASON_MAX_LENGTH)
  reason: string;

  @ApiPropertyOptional({ type: IntentSourceDto })
  @Optional()
  @ValidateNested()
  @Type(() => IntentSourceDto)
  source?: IntentSourceDto;

  @ApiPropertyOptional({ type: [String], example: ['qa-team'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_NOTIFICATION_GROUPS)
  @Matches(GROUP_KEY_PATTERN, { each: true, message: 'each of $property must be a group key' })
  notificationGroups?: string[];

  @ApiPropertyOptional({ example: 'CHG0012345' })
  @Optional()
  @IsString()
  @MaxLength(200)
  externalRef?: string;

  @ApiPropertyOptional({ description: 'File it as REQUESTED rather than DRAFT' })
  @Optional()
  @IsBoolean()
  submit?: boolean;
}
