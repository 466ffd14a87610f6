import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { DELIVERY_STATUSES, DeliveryStatus } from '@envrefresh/contracts';
import { PageQueryDto } from '../common/page-query.dto';
import { Optional } from '../http/validation/optional.decorator';

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Deliveries about this intent' })
  @Optional()
  @IsUUID()
  intentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Deliveries through this subscription' })
  @Optional()
  @IsUUID()
  subscriptionId?: string;

  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @Optional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}
