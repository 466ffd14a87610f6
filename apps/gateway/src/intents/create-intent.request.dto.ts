import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { REFRESH_TYPES, RefreshType } from '@envrefresh/contracts';

const WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

export class IntentSourceDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  environmentId?: string;

  @ApiPropertyOptional({ example: 'prod-2026-11-20-masked' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  snapshot?: string;
}

export class CreateIntentRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  environmentId: string;

  @ApiProperty({ enum: REFRESH_TYPES })
  @IsIn(REFRESH_TYPES)
  refreshType: RefreshType;

  @ApiProperty({ example: '2026-12-01T22:00:00+01:00' })
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, { message: 'plannedStart must carry a UTC offset, e.g. +01:00 or Z' })
  plannedStart: string;

  @ApiProperty({ example: '2026-12-02T02:00:00+01:00' })
  @IsISO8601({ strict: true })
  @Matches(WITH_OFFSET, { message: 'plannedEnd must carry a UTC offset, e.g. +01:00 or Z' })
  plannedEnd: string;

  @ApiProperty({ example: 'Refresh UAT with masked production data for release 42' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({ type: IntentSourceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => IntentSourceDto)
  source?: IntentSourceDto;

  @ApiPropertyOptional({ type: [String], example: ['qa-team'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  notificationGroups?: string[];

  @ApiPropertyOptional({ example: 'CHG0012345' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  externalRef?: string;

  @ApiPropertyOptional({ description: 'File it as REQUESTED rather than DRAFT' })
  @IsOptional()
  @IsBoolean()
  submit?: boolean;
}
