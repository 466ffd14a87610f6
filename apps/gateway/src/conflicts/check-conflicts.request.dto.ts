import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsUUID, ValidateNested } from 'class-validator';
import { IntentSourceDto } from '../common/intent-source.dto';
import { IsAfter } from '../http/validation/is-after.decorator';
import { IsInstant } from '../http/validation/is-instant.decorator';
import { Optional } from '../http/validation/optional.decorator';

/** `POST /conflicts/check`: the window an intent would have, judged without creating anything. */
export class CheckConflictsRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  environmentId: string;

  @ApiProperty({ example: '2026-12-01T22:00:00+01:00' })
  @IsInstant()
  plannedStart: string;

  @ApiProperty({ example: '2026-12-02T02:00:00+01:00', description: 'Exclusive; after plannedStart' })
  @IsInstant()
  @IsAfter('plannedStart')
  plannedEnd: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The intent you are about to amend, so that it does not conflict with itself',
  })
  @Optional()
  @IsUUID()
  excludeIntentId?: string;

  @ApiPropertyOptional({
    type: IntentSourceDto,
    description: 'Where the data would come from; other refreshes reading it at the same time are reported',
  })
  @Optional()
  @ValidateNested()
  @Type(() => IntentSourceDto)
  source?: IntentSourceDto;
}
