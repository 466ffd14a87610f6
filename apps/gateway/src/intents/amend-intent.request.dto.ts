import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { GROUP_KEY_PATTERN, MAX_NOTIFICATION_GROUPS, REASON_MAX_LENGTH } from '@envrefresh/kernel';
import { IsInstant } from '../http/validation/is-instant.decorator';
import { Optional } from '../http/validation/optional.decorator';

/** The version an intent command is based on, unless If-Match carries it. */
export class VersionedRequestDto {
  @ApiPropertyOptional({ example: 3, description: 'The intent version you last read (or send If-Match)' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(999_999_999)
  version?: number;
}

/** PATCH: amend window, reason or groups. A new window in APPROVED or SCHEDULED goes back to REQUESTED. */
export class AmendIntentRequestDto extends VersionedRequestDto {
  @ApiPropertyOptional({ example: '2026-12-08T22:00:00+01:00' })
  @Optional()
  @IsInstant()
  plannedStart?: string;

  @ApiPropertyOptional({ example: '2026-12-09T02:00:00+01:00' })
  @Optional()
  @IsInstant()
  plannedEnd?: string;

  @ApiPropertyOptional({ example: 'Moved a week later for the release freeze' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(REASON_MAX_LENGTH)
  reason?: string;

  @ApiPropertyOptional({ type: [String], example: ['qa-team'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_NOTIFICATION_GROUPS)
  @Matches(GROUP_KEY_PATTERN, { each: true, message: 'each of $property must be a group key' })
  notificationGroups?: string[];
}
