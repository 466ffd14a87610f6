import { ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { Optional } from '../http/validation/optional.decorator';
import { IsQueryBoolean } from '../http/validation/query-boolean.decorator';

/** What `?includeDeleted=true` means wherever a list keeps what was deleted (windows, subscriptions). */
export const INCLUDE_DELETED_RULE =
  'Admins only: also the deleted ones, each with `deletedAt` and `deletedBy`, so an auditor sees what stood when. Anyone else asking is refused with 403.';

/** The `includeDeleted` query flag, described once. */
export const IncludeDeletedFlag = () =>
  applyDecorators(
    ApiPropertyOptional({ type: Boolean, default: false, description: INCLUDE_DELETED_RULE }),
    Optional(),
    IsQueryBoolean(),
  );
