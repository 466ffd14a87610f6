import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  CALENDAR_FEED_TOKEN_MAX_LENGTH,
  CALENDAR_MAX_RANGE_DAYS,
  ENVIRONMENT_TIERS,
  EnvironmentTier,
} from '@envrefresh/contracts';
import { IsAfter } from '../http/validation/is-after.decorator';
import { IsInstant } from '../http/validation/is-instant.decorator';
import { Optional } from '../http/validation/optional.decorator';

/** `GET /calendar`: the scheduling service checks the range's length against the same constant. */
export class CalendarQueryDto {
  @ApiProperty({ example: '2026-12-01T00:00:00Z', description: 'Start of the range (inclusive)' })
  @IsInstant()
  from: string;

  @ApiProperty({
    example: '2027-01-01T00:00:00Z',
    description: `End of the range (exclusive): after \`from\`, at most ${CALENDAR_MAX_RANGE_DAYS} days later`,
  })
  @IsInstant()
  @IsAfter('from')
  to: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this environment (and the windows covering it)' })
  @Optional()
  @IsUUID()
  environmentId?: string;

  @ApiPropertyOptional({ enum: ENVIRONMENT_TIERS, description: 'Only environments of this tier' })
  @Optional()
  @IsIn(ENVIRONMENT_TIERS)
  tier?: EnvironmentTier;
}

/** `POST /me/calendar-feeds`: an optional narrowing of the feed. */
export class CreateCalendarFeedRequestDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this environment' })
  @Optional()
  @IsUUID()
  environmentId?: string;

  @ApiPropertyOptional({ enum: ENVIRONMENT_TIERS, description: 'Only environments of this tier' })
  @Optional()
  @IsIn(ENVIRONMENT_TIERS)
  tier?: EnvironmentTier;
}

/** `GET /calendar.ics?token=`: the feed token is the credential. */
export class CalendarFeedQueryDto {
  @ApiProperty({ description: 'The token of the feed URL', example: 'erc_Zk3qExample…' })
  @IsString()
  @MaxLength(CALENDAR_FEED_TOKEN_MAX_LENGTH)
  token: string;
}
