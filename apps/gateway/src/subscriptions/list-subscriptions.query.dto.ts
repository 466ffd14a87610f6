import { IncludeDeletedFlag } from '../common/include-deleted.query';
import { PageQueryDto } from '../common/page-query.dto';

export class ListSubscriptionsQueryDto extends PageQueryDto {
  @IncludeDeletedFlag()
  includeDeleted?: boolean;
}
