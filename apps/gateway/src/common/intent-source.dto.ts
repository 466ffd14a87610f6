import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { SNAPSHOT_MAX_LENGTH } from '@envrefresh/kernel';
import { Optional } from '../http/validation/optional.decorator';

/** Where the data of a copy comes from: another environment, a named snapshot, or both. */
export class IntentSourceDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Environment the data is copied from' })
  @Optional()
  @IsUUID()
  environmentId?: string;

  @ApiPropertyOptional({ example: 'prod-2026-11-20-masked', description: 'Named snapshot or backup' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(SNAPSHOT_MAX_LENGTH)
  snapshot?: string;
}
