import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Optional } from '../http/validation/optional.decorator';
import { Trim } from '../http/validation/trim.decorator';

/** acknowledge: a WARNING seen and accepted; notes are optional. */
export class AcknowledgeConflictRequestDto {
  @ApiPropertyOptional({ example: 'Told the payments team; they will pause testing', maxLength: 2000 })
  @Optional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

/** override: a BLOCKING conflict set aside; the justification is what the audit trail keeps. */
export class OverrideConflictRequestDto {
  @ApiProperty({
    example: 'Release testing agreed to pause for the refresh (ticket CHG0012345).',
    minLength: 10,
    maxLength: 2000,
    description:
      'Why the refresh may go ahead despite the conflict; leading and trailing spaces do not count',
  })
  @Trim()
  @IsString()
  @MinLength(10, { message: '$property must say why, in at least 10 characters' })
  @MaxLength(2000)
  justification: string;
}
