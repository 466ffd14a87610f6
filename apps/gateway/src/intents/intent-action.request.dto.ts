import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsString, IsUrl, Max, MaxLength, Min, MinLength } from 'class-validator';
import { NOTES_MAX_LENGTH } from '@envrefresh/kernel';
import { Optional } from '../http/validation/optional.decorator';
import { VersionedRequestDto } from './amend-intent.request.dto';

/** submit, approve, start, rollback, cancel: the version and optional notes for the audit trail. */
export class IntentActionRequestDto extends VersionedRequestDto {
  @ApiPropertyOptional({ example: 'Checked with the payments team', maxLength: NOTES_MAX_LENGTH })
  @Optional()
  @IsString()
  @MaxLength(NOTES_MAX_LENGTH)
  notes?: string;
}

/** reject and fail: the notes are what the requester reads, so they are required. */
export class NotedIntentActionRequestDto extends VersionedRequestDto {
  @ApiProperty({
    example: 'Clashes with the month-end close; pick another weekend',
    maxLength: NOTES_MAX_LENGTH,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(NOTES_MAX_LENGTH)
  notes: string;
}

/** complete: the execution facts recorded on the environment's refresh history. */
export class CompleteIntentRequestDto extends IntentActionRequestDto {
  @ApiPropertyOptional({ example: 5400, description: 'How long the refresh ran' })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(31_536_000)
  durationSeconds?: number;

  @ApiPropertyOptional({ example: 1250000 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  rowsAffected?: number;

  @ApiPropertyOptional({ example: 42.5 })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000_000)
  dataVolumeGb?: number;

  @ApiPropertyOptional({ example: 'https://ci.example.com/refresh/8812/log', format: 'uri' })
  @Optional()
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  logUrl?: string;
}
