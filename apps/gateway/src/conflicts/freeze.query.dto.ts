import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsInstant } from '../http/validation/is-instant.decorator';
import { Optional } from '../http/validation/optional.decorator';

/** `GET /freeze?environmentId=&at=` */
export class FreezeQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  environmentId: string;

  @ApiPropertyOptional({
    example: '2026-12-01T22:00:00Z',
    description: 'The instant to ask about; now when absent',
  })
  @Optional()
  @IsInstant()
  at?: string;
}
