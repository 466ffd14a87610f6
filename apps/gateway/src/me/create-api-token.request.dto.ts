import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, Role } from '@envrefresh/auth';
import { IsInstant } from '../http/validation/is-instant.decorator';
import { Optional } from '../http/validation/optional.decorator';
import { Trim } from '../http/validation/trim.decorator';

/** `POST /me/tokens`: a named, expiring token for a machine, with at most the creator's roles. */
export class CreateApiTokenRequestDto {
  @ApiProperty({ example: 'release pipeline freeze check', maxLength: 100 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({
    enum: ROLES,
    isArray: true,
    example: ['viewer'],
    description: 'Each must be a role you hold (or one it includes); all of yours when left out',
  })
  @Optional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiProperty({
    example: '2027-06-30T00:00:00Z',
    description: 'In the future and at most one year ahead',
  })
  @IsInstant()
  expiresAt: string;
}

/** `GET /me/tokens` takes no query: whatever is sent is an unknown field (400). */
export class NoQueryDto {}
