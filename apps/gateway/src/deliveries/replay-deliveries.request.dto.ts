import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsAfter } from '../http/validation/is-after.decorator';
import { IsInstant } from '../http/validation/is-instant.decorator';

/** `POST /deliveries/replay`: what one subscription was sent, or what died, in `[since, until)`. */
export class ReplayDeliveriesRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  subscriptionId: string;

  @ApiProperty({ example: '2026-12-01T00:00:00Z' })
  @IsInstant()
  since: string;

  @ApiProperty({ example: '2026-12-02T00:00:00Z' })
  @IsInstant()
  @IsAfter('since')
  until: string;
}
