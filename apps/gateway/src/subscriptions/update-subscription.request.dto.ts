import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

/** `PATCH /subscriptions/{id}`: pause (false) or resume (true). */
export class UpdateSubscriptionRequestDto {
  @ApiProperty({
    example: false,
    description: 'false pauses it; true resumes it (and clears why it was disabled)',
  })
  @IsBoolean()
  enabled: boolean;
}
