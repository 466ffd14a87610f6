import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { CONFLICT_STATUSES, ConflictStatus } from '@envrefresh/contracts';
import { PageQueryDto } from '../common/page-query.dto';
import { Optional } from '../http/validation/optional.decorator';

export class ListConflictsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CONFLICT_STATUSES })
  @Optional()
  @IsIn(CONFLICT_STATUSES)
  status?: ConflictStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Conflicts of intents on this environment' })
  @Optional()
  @IsUUID()
  environmentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Conflicts of this intent' })
  @Optional()
  @IsUUID()
  intentId?: string;
}
