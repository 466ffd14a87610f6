import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { WINDOW_KINDS, WindowKind } from '@envrefresh/contracts';
import { IncludeDeletedFlag } from '../common/include-deleted.query';
import { PageQueryDto } from '../common/page-query.dto';
import { Optional } from '../http/validation/optional.decorator';

export class ListWindowsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: WINDOW_KINDS })
  @Optional()
  @IsIn(WINDOW_KINDS)
  kind?: WindowKind;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only windows that cover this environment (by id, by its tier, or globally)',
  })
  @Optional()
  @IsUUID()
  environmentId?: string;

  @IncludeDeletedFlag()
  includeDeleted?: boolean;
}
