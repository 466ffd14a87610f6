import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { JUSTIFICATION_LENGTH, NOTES_MAX_LENGTH } from '@envrefresh/kernel';
import { Optional } from '../http/validation/optional.decorator';
import { Trim } from '../http/validation/trim.decorator';

/** acknowledge: a WARNING seen and accepted; notes are optional. */
export class AcknowledgeConflictRequestDto {
  @ApiPropertyOptional({
    example: 'Told the payments team; they will pause testing',
    maxLength: NOTES_MAX_LENGTH,
  })
  @Optional()
  @IsString()
  @MaxLength(NOTES_MAX_LENGTH)
  notes?: string;
}

/** override: a BLOCKING conflict set aside; the justification is what the audit trail keeps. */
export class OverrideConflictRequestDto {
  @ApiProperty({
    example: 'Release testing agreed to pause for the refresh (ticket CHG0012345).',
    minLength: JUSTIFICATION_LENGTH.min,
    maxLength: JUSTIFICATION_LENGTH.max,
    description:
      'Why the refresh may go ahead despite the conflict; leading and trailing spaces do not count',
  })
  @Trim()
  @IsString()
  @MinLength(JUSTIFICATION_LENGTH.min, {
    message: `$property must say why, in at least ${JUSTIFICATION_LENGTH.min} characters`,
  })
  @MaxLength(JUSTIFICATION_LENGTH.max)
  justification: string;
}
