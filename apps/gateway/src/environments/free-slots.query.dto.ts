import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { SNAPSHOT_MAX_LENGTH } from '@envrefresh/kernel';
import { IntentSource } from '@envrefresh/contracts';
import { IsAfter } from '../http/validation/is-after.decorator';
import { IsInstant } from '../http/validation/is-instant.decorator';
import { IsIsoDuration } from '../http/validation/is-iso-duration.decorator';
import { Optional } from '../http/validation/optional.decorator';

/** `GET /environments/{id}/free-slots?duration=PT4H&from=&to=&limit=` */
export class FreeSlotsQueryDto {
  @ApiProperty({ example: 'PT4H', description: 'How long the refresh needs, ISO-8601' })
  @IsIsoDuration()
  duration: string;

  @ApiPropertyOptional({
    example: '2026-12-01T00:00:00Z',
    description: 'Search from this instant; now when absent',
  })
  @Optional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({
    example: '2027-01-01T00:00:00Z',
    description: 'Search until this instant (exclusive); the service bounds how far ahead it looks',
  })
  @Optional()
  @IsInstant()
  @IsAfter('from')
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'At most this many slots' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The environment the data would be copied from, so that refreshes reading it too are avoided',
  })
  @Optional()
  @IsUUID()
  sourceEnvironmentId?: string;

  @ApiPropertyOptional({
    example: 'prod-2026-11-20-masked',
    description: 'The snapshot the data would come from',
  })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(SNAPSHOT_MAX_LENGTH)
  sourceSnapshot?: string;
}

/** The two source parameters as the contract's `source`, or nothing when neither was given. */
export function sourceOf(query: FreeSlotsQueryDto): IntentSource | undefined {
  const { sourceEnvironmentId: environmentId, sourceSnapshot: snapshot } = query;
  if (environmentId === undefined && snapshot === undefined) return undefined;
  return { ...(environmentId ? { environmentId } : {}), ...(snapshot ? { snapshot } : {}) };
}
