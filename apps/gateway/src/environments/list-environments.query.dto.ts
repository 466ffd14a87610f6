import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ENVIRONMENT_TIERS, EnvironmentTier } from '@envrefresh/contracts';
import { PageQueryDto } from '../common/page-query.dto';
import { Optional } from '../http/validation/optional.decorator';

export class ListEnvironmentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ENVIRONMENT_TIERS })
  @Optional()
  @IsIn(ENVIRONMENT_TIERS)
  tier?: EnvironmentTier;
}
