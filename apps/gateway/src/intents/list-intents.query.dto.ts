import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { INTENT_STATUSES, IntentStatus } from '@envrefresh/contracts';
import { PageQueryDto } from '../common/page-query.dto';
import { IsInstant } from '../http/validation/is-instant.decorator';
import { Optional } from '../http/validation/optional.decorator';

export class ListIntentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INTENT_STATUSES })
  @Optional()
  @IsIn(INTENT_STATUSES)
  status?: IntentStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID()
  environmentId?: string;

  @ApiPropertyOptional({
    example: '2026-12-01T00:00:00Z',
    description: 'Only intents whose window ends after this instant',
  })
  @Optional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({
    example: '2027-01-01T00:00:00Z',
    description: 'Only intents whose window starts before this instant',
  })
  @Optional()
  @IsInstant()
  to?: string;
}
