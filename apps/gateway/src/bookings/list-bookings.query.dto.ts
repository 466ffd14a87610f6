import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';
import { GROUP_KEY_PATTERN } from '@envrefresh/kernel';
import { PageQueryDto } from '../common/page-query.dto';
import { IsAfter } from '../http/validation/is-after.decorator';
import { IsInstant } from '../http/validation/is-instant.decorator';
import { Optional } from '../http/validation/optional.decorator';
import { IsQueryBoolean } from '../http/validation/query-boolean.decorator';

export class ListBookingsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID()
  environmentId?: string;

  @ApiPropertyOptional({ example: 'payments-qa' })
  @Optional()
  @Matches(GROUP_KEY_PATTERN, { message: '$property must be a group key' })
  group?: string;

  @ApiPropertyOptional({
    example: '2026-12-01T00:00:00Z',
    description: 'Only bookings that end after this instant',
  })
  @Optional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({
    example: '2027-01-01T00:00:00Z',
    description: 'Only bookings that start before this instant',
  })
  @Optional()
  @IsInstant()
  @IsAfter('from')
  to?: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Include cancelled bookings' })
  @Optional()
  @IsQueryBoolean()
  includeCancelled?: boolean;
}
